"""Routers of the public app, one per resource."""
