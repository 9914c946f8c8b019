"""Describe the API key in use: its redacted form, team, permissions and state.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk==1.22.0"
"""

from xai_sdk import Client


def main() -> None:
    """Print what the API knows about the key."""
    with Client() as client:
        key = client.auth.get_api_key_info()
        print(f"key {key.redacted_api_key} ({key.name or 'unnamed'}) of team {key.team_id}")
        print(f"permissions: {', '.join(key.acls) or 'none'}")
        blocked = key.api_key_blocked or key.team_blocked or key.disabled
        print("state:", "blocked or disabled" if blocked else "active")


if __name__ == "__main__":
    main()
