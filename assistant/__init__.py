"""The FastAPI apps: public chat gateway and read API, and the internal action webhook."""
