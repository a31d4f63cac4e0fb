"""Rasa custom actions (rasa_sdk), one module per topic; they read knowledge/."""
