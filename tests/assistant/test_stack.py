"""The stack starts Rasa with arguments Rasa's own command line accepts."""

import json

import pytest

from assistant.stack import Stack
from tests.rasa_tools import rasa_python

pytestmark = pytest.mark.rasa

# Runs in the Rasa environment: parse a command line exactly as `rasa` would.
PARSE = """
import json, sys
from rasa.__main__ import create_argument_parser
args = create_argument_parser().parse_args(json.loads(sys.stdin.read()))
print(json.dumps({"auth_token": args.auth_token, "port": args.port}))
"""


@pytest.mark.parametrize("token", ["-SmhURuXbq", "--looks-like-an-option", "plain_token-9"])
def test_rasa_receives_any_generated_token_intact(token: str) -> None:
    """A random token that begins with "-" once made `rasa run` exit 2 and the stack fail."""
    stack = Stack(env={"RASA_TOKEN": token, "ACTION_SERVER_TOKEN": "x"})
    (rasa,) = [service for service in stack._plan() if service.name == "rasa"]
    parsed = rasa_python(PARSE, json.dumps(rasa.command[1:]))
    assert parsed.returncode == 0, parsed.stderr[-2000:]
    assert json.loads(parsed.stdout.strip().splitlines()[-1]) == {
        "auth_token": token,
        "port": stack.ports.rasa,
    }
