"""Drop-in tests: this SDK held against the official xai-sdk 1.21.0, name by name and call by call."""
