"""What a test sees of the chat widget: its controls, its messages and the whole page's text.

The widget lives in an open shadow root; Playwright's role/label/CSS locators pierce it. Text
that must not be on the page is looked for in the document, every shadow root, every form
field's value and sessionStorage.
"""

import json
from typing import Any

from playwright.sync_api import Locator, Page, expect

from assistant.settings import PROJECT_ROOT

SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"

REPLY_TIMEOUT = 60_000  # ms; the first turn after Rasa starts can be slow on 2 shared cores
STORAGE_KEY = "sundhedsguiden.chat"

DEEP_TEXT = """() => {
  const parts = [document.documentElement.textContent || ""];
  const walk = (root) => {
    root.querySelectorAll("*").forEach((node) => {
      if (typeof node.value === "string") parts.push(node.value);
      if (node.shadowRoot) {
        parts.push(node.shadowRoot.textContent || "");
        walk(node.shadowRoot);
      }
    });
  };
  walk(document);
  for (let i = 0; i < sessionStorage.length; i++) {
    parts.push(sessionStorage.getItem(sessionStorage.key(i)) || "");
  }
  return parts.join("\\n");
}"""

FOCUSED = """() => {
  let node = document.activeElement;
  while (node && node.shadowRoot && node.shadowRoot.activeElement) {
    node = node.shadowRoot.activeElement;
  }
  if (!node || node === document.body) return null;
  const style = getComputedStyle(node);
  const box = node.getBoundingClientRect();
  return {
    tag: node.tagName.toLowerCase(),
    name: (node.getAttribute("aria-label") || node.textContent || "").trim().slice(0, 60),
    focusVisible: node.matches(":focus-visible"),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
    inViewport: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
  };
}"""


class Chat:
    """The widget on a page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.input = page.get_by_role("textbox", name="Din besked")
        self.send_button = page.get_by_role("button", name="Send", exact=True)
        self.log = page.get_by_role("log")
        self.user_messages = self.log.locator(".sg-msg-user")
        self.bot_messages = self.log.locator(".sg-msg-bot")
        self.system_messages = self.log.locator(".sg-msg-system")
        self.typing = page.get_by_role("status").filter(has_text="Assistenten skriver")

    def open(self, url: str) -> "Chat":
        self.page.goto(url)
        expect(self.input).to_be_visible()
        return self

    def send(self, text: str) -> None:
        """Type into the field like a user and press Enter."""
        self.input.fill(text)
        self.input.press("Enter")

    def wait_for_bot_messages(self, count: int) -> Locator:
        """Wait until at least `count` bot messages are shown; returns the last one."""
        expect(self.bot_messages.nth(count - 1)).to_be_visible(timeout=REPLY_TIMEOUT)
        expect(self.typing).to_have_count(0)
        return self.bot_messages.last

    def say(self, text: str) -> str:
        """Send `text` and return the text of the bot messages it produced."""
        before = self.bot_messages.count()
        self.send(text)
        self.wait_for_bot_messages(before + 1)
        return "\n".join(self.bot_messages.all_inner_texts()[before:])

    def stored(self) -> dict[str, Any]:
        raw = self.page.evaluate(f"sessionStorage.getItem({json.dumps(STORAGE_KEY)})")
        return json.loads(raw) if raw else {}

    def sender(self) -> str:
        return str(self.stored()["sender"])

    def all_text(self) -> str:
        return str(self.page.evaluate(DEEP_TEXT))

    def focused(self) -> dict[str, Any] | None:
        result = self.page.evaluate(FOCUSED)
        return dict(result) if result else None

    def messages(self) -> list[str]:
        return self.log.locator(".sg-msg").all_inner_texts()
