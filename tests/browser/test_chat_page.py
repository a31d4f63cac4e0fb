"""The citizens' chat page and its embeddable widget, in a real browser against the real system.

Every test talks to the real Rasa server through the public app (`system`), except where it says
otherwise: the Rasa-down test starts its own public app without Rasa, and the button tests stub
`/api/chat` only when the bot itself offers no buttons (that checks the widget's rendering, not
the bot).
"""

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Route, expect

from tests.browser.widget import SCREENSHOTS, Chat
from tests.system import RunningSystem

pytestmark = pytest.mark.browser

CARE_HOME_QUESTION = "hvad er ventelistegarantien for plejeboliger i gentofte"
CPR_NOTICE = "Du skrev noget, der ligner et CPR-nummer"


def _rgb(css: str) -> tuple[float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)[:3]]
    return numbers[0], numbers[1], numbers[2]


def _contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    def luminance(rgb: tuple[float, float, float]) -> float:
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _assert_focus_visible(chat: Chat) -> dict[str, Any]:
    focused = chat.focused()
    assert focused is not None, "focus went to the page body"
    assert focused["focusVisible"], focused
    assert focused["outlineStyle"] != "none", focused
    assert focused["outlineWidth"] >= 2, focused
    # The ring is dark (>= 3:1 on white) with a white inner ring (>= 3:1 on the page colour).
    assert _contrast(_rgb(focused["outlineColor"]), (255, 255, 255)) >= 3, focused
    assert "255, 255, 255" in focused["boxShadow"], focused
    assert focused["inViewport"], focused
    return focused


def _serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(str(n.get("target")) for n in v["nodes"][:3])
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


# ------------------------------------------------------------------ 1. keyboard only


def test_whole_conversation_by_keyboard_only(page: Page, system: RunningSystem) -> None:
    chat = Chat(page).open(system.public + "/")
    expect(page.get_by_text("Jeg er en automatisk assistent, ikke et menneske")).to_be_visible()
    expect(page.get_by_text("Er det akut, så ring 112.")).to_be_visible()

    order = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focused = _assert_focus_visible(chat)
        order.append(focused["tag"] + ":" + focused["name"][:20])
        if focused["tag"] == "textarea":
            break
    # A logical order: the header's actions, the conversation, then the field to write in.
    assert order == [
        "button:Ny samtale",
        "button:Slet samtale",
        "div:Samtale",
        "textarea:",
    ], order

    page.keyboard.type("hej")
    page.keyboard.press("Enter")
    chat.wait_for_bot_messages(1)
    expect(chat.user_messages.first).to_contain_text("hej")
    expect(chat.input).to_be_focused()
    expect(chat.input).to_have_value("")

    page.keyboard.type(CARE_HOME_QUESTION)
    page.keyboard.press("Enter")
    reply = chat.wait_for_bot_messages(2)
    expect(reply).to_contain_text("2 måneder")
    # The reply is in the polite live region, so screen readers announce it.
    expect(chat.log).to_have_attribute("aria-live", "polite")
    expect(chat.log.locator(".sg-msg-bot", has_text="2 måneder")).to_have_count(1)
    expect(chat.input).to_be_focused()

    # Shift+Enter makes a new line and sends nothing.
    page.keyboard.type("første linje")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("anden linje")
    expect(chat.input).to_have_value("første linje\nanden linje")
    expect(chat.user_messages).to_have_count(2)


# ------------------------------------------------------------------ 2. reply buttons

BUTTON_REPLY = [
    {
        "text": "Hvilken kommune bor du i?",
        "buttons": [
            {"title": "Gentofte", "payload": '/inform{"municipality": "Gentofte"}'},
            {"title": "København", "payload": '/inform{"municipality": "København"}'},
        ],
    }
]


def _chat_response(page: Page) -> Any:
    return page.expect_response(
        lambda r: r.url.endswith("/api/chat") and r.request.method == "POST"
    )


def test_reply_buttons_send_their_payload(page: Page, system: RunningSystem) -> None:
    chat = Chat(page).open(system.public + "/")
    with _chat_response(page) as response_info:
        chat.say("Hvor lang tid skal man vente på en plejebolig?")
    replies = response_info.value.json()
    if not any(r.get("buttons") for r in replies):
        # The current bot offers no buttons here: test the widget's rendering with a fixed reply.
        def fake_gateway(route: Route) -> None:
            first = route.request.post_data_json["message"] == "vis mig valgmulighederne"
            body = BUTTON_REPLY if first else [{"text": "Tak. Du valgte Gentofte."}]
            route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

        page.route("**/api/chat", fake_gateway)
        chat.say("vis mig valgmulighederne")
        replies = BUTTON_REPLY
    offered = [r["buttons"] for r in replies if r.get("buttons")][-1]
    spec = offered[0]
    groups = chat.log.get_by_role("group", name="Svarmuligheder")
    # Pin this group by position: the next reply may bring a group of its own.
    group = groups.nth(groups.count() - 1)
    choices = group.get_by_role("button")
    expect(choices).to_have_count(len(offered))
    first = choices.first
    expect(first).to_have_text(spec["title"])

    bot_before = chat.bot_messages.count()
    with page.expect_request(
        lambda r: r.url.endswith("/api/chat") and r.method == "POST"
    ) as request_info:
        first.click()
    # The payload is what is sent; the title is shown as the user's message.
    assert request_info.value.post_data_json["message"] == spec["payload"]
    expect(chat.user_messages.last.locator(".sg-text")).to_have_text(spec["title"])
    chat.wait_for_bot_messages(bot_before + 1)
    # The whole group is used up: no button in it can be pressed again.
    for i in range(choices.count()):
        expect(choices.nth(i)).to_be_disabled()
    expect(chat.input).to_be_focused()


def test_reply_text_is_shown_as_text_with_only_web_links(page: Page, system: RunningSystem) -> None:
    """Reply text never becomes markup; http(s) URLs become safe links, nothing else does."""
    hostile = (
        "Læs mere på https://www.gentofte.dk/plejebolig.\n"
        '<img src=x onerror="window.pwned=1"> <a href="javascript:window.pwned=2">klik</a>\n'
        "javascript:window.pwned=3 og (se https://www.sundhed.dk/borger)"
    )
    chat = Chat(page).open(system.public + "/")

    def fake_gateway(route: Route) -> None:
        route.fulfill(
            status=200, content_type="application/json", body=json.dumps([{"text": hostile}])
        )

    page.route("**/api/chat", fake_gateway)
    chat.send("test")
    bubble = chat.wait_for_bot_messages(1)
    expect(bubble).to_contain_text('<img src=x onerror="window.pwned=1">')
    assert bubble.locator("img").count() == 0
    links = bubble.get_by_role("link")
    expect(links).to_have_count(2)
    assert links.nth(0).get_attribute("href") == "https://www.gentofte.dk/plejebolig"
    assert links.nth(1).get_attribute("href") == "https://www.sundhed.dk/borger"
    for i in range(2):
        assert links.nth(i).get_attribute("rel") == "noopener noreferrer"
        assert links.nth(i).get_attribute("target") == "_blank"
    assert page.evaluate("window.pwned") is None
    # Line breaks are kept.
    assert bubble.locator(".sg-text").evaluate("e => getComputedStyle(e).whiteSpace") == "pre-line"
    assert bubble.locator(".sg-text").evaluate("e => e.textContent.split('\\n').length") == 3


def test_counter_warns_near_the_limit_and_too_long_is_not_sent(
    page: Page, system: RunningSystem
) -> None:
    chat = Chat(page).open(system.public + "/")
    counter = page.locator(".sg-counter")
    chat.input.fill("a" * 700)
    expect(counter).to_be_hidden()
    chat.input.fill("a" * 990)
    expect(counter).to_have_text("10 tegn tilbage")
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/api/chat") else None)
    chat.input.fill("a" * 1005)
    expect(counter).to_contain_text("5 tegn for lang")
    chat.input.press("Enter")
    expect(chat.input).to_have_attribute("aria-invalid", "true")
    expect(chat.input).to_have_value("a" * 1005)
    expect(chat.user_messages).to_have_count(0)
    assert sent == []


def test_typing_indicator_is_announced_and_keeps_still_for_reduced_motion(
    page: Page, system: RunningSystem
) -> None:
    page.emulate_media(reduced_motion="reduce")
    chat = Chat(page).open(system.public + "/")
    pending: list[Route] = []
    page.route("**/api/chat", lambda route: pending.append(route))
    chat.send("hej")
    expect(chat.typing).to_have_text("Assistenten skriver …")
    expect(chat.typing).to_be_visible()
    dot = page.locator(".sg-dots span").first
    assert dot.evaluate("e => getComputedStyle(e).animationName") == "none"
    for _ in range(50):
        if pending:
            break
        page.wait_for_timeout(100)
    pending[0].fulfill(
        status=200, content_type="application/json", body=json.dumps([{"text": "Hej!"}])
    )
    chat.wait_for_bot_messages(1)
    expect(chat.typing).to_have_count(0)


# ------------------------------------------------------------------ 3. CPR numbers


def test_cpr_number_is_removed_before_it_is_shown_or_sent(
    page: Page, system: RunningSystem
) -> None:
    chat = Chat(page).open(system.public + "/")
    with page.expect_request(
        lambda r: r.url.endswith("/api/chat") and r.method == "POST"
    ) as request_info:
        chat.send("mit cpr er 010203-1234")
    assert "010203" not in (request_info.value.post_data or "")
    chat.wait_for_bot_messages(1)

    expect(chat.log).to_contain_text(CPR_NOTICE)
    expect(chat.user_messages.last).to_contain_text("mit cpr er [CPR-nummer fjernet]")
    text = chat.all_text()
    assert "010203-1234" not in text
    assert "0102031234" not in text


# ------------------------------------------------------------------ 4. Rasa down


def test_rasa_down_shows_the_danish_message_and_keeps_the_text(
    page: Page, public_app_without_rasa: str
) -> None:
    chat = Chat(page).open(public_app_without_rasa + "/")
    question = "Hvor kan min mor få genoptræning?"
    chat.send(question)
    notice = chat.system_messages.last
    expect(notice).to_contain_text("Assistenten er ikke tilgængelig lige nu", timeout=30_000)
    expect(notice).to_contain_text("ring 112")
    # What the user typed is back in the field, ready to send again, and nothing is lost.
    expect(chat.input).to_have_value(question)
    expect(chat.user_messages).to_have_count(0)
    expect(chat.typing).to_have_count(0)


# ------------------------------------------------------------------ 5. reload


def test_reload_keeps_the_conversation(page: Page, system: RunningSystem) -> None:
    chat = Chat(page).open(system.public + "/")
    chat.say("hej")
    chat.say(CARE_HOME_QUESTION)
    before = chat.messages()
    sender = chat.sender()
    assert len(before) >= 4

    page.reload()
    chat = Chat(page)
    expect(chat.input).to_be_visible()
    expect(chat.log.locator(".sg-msg")).to_have_count(len(before))
    assert chat.messages() == before
    assert chat.sender() == sender
    # The conversation goes on with the same sender.
    with page.expect_request(lambda r: r.url.endswith("/api/chat")) as request_info:
        chat.send("tak")
    assert request_info.value.post_data_json["sender"] == sender


# ------------------------------------------------------------------ 6. delete


def _user_events(system: RunningSystem, sender: str) -> list[dict[str, Any]]:
    response = httpx.get(
        f"{system.rasa}/conversations/{sender}/tracker",
        params={"token": system.rasa_token},
        timeout=30,
    )
    response.raise_for_status()
    return [e for e in response.json().get("events", []) if e.get("event") == "user"]


def test_delete_conversation_forgets_it_on_the_server(page: Page, system: RunningSystem) -> None:
    chat = Chat(page).open(system.public + "/")
    chat.say("hej")
    sender = chat.sender()
    assert _user_events(system, sender), "Rasa should hold the conversation before it is deleted"

    delete = page.get_by_role("button", name="Slet samtale")
    confirm_yes = page.get_by_role("button", name="Ja, slet samtalen")
    cancel = page.get_by_role("button", name="Fortryd")
    # Escape cancels and gives focus back.
    delete.focus()
    page.keyboard.press("Enter")
    expect(cancel).to_be_focused()
    page.keyboard.press("Escape")
    expect(confirm_yes).to_be_hidden()
    expect(delete).to_be_focused()
    # Confirm by keyboard: Enter, Tab to "Ja, slet samtalen", Enter.
    page.keyboard.press("Enter")
    expect(cancel).to_be_focused()
    page.keyboard.press("Tab")
    expect(confirm_yes).to_be_focused()
    _assert_focus_visible(chat)
    page.keyboard.press("Enter")

    expect(chat.log).to_contain_text("Samtalen er slettet")
    expect(chat.user_messages).to_have_count(0)
    expect(chat.bot_messages).to_have_count(0)
    assert chat.sender() != sender
    assert chat.stored()["messages"] == []
    assert _user_events(system, sender) == []

    # "Ny samtale" starts afresh too, with nothing in view.
    chat.say("hej")
    new_sender = chat.sender()
    page.get_by_role("button", name="Ny samtale").click()
    expect(chat.log.locator(".sg-msg")).to_have_count(0)
    assert chat.sender() not in (sender, new_sender)
    expect(chat.input).to_be_focused()


# ------------------------------------------------------------------ 7. axe


def test_no_serious_accessibility_violations(page: Page, system: RunningSystem) -> None:
    chat = Chat(page).open(system.public + "/")
    assert _serious_violations(page) == []
    chat.say(CARE_HOME_QUESTION)
    assert _serious_violations(page) == []
    page.get_by_role("button", name="Slet samtale").click()
    expect(page.get_by_role("button", name="Fortryd")).to_be_focused()
    assert _serious_violations(page) == []
    assert page.evaluate("document.documentElement.lang") == "da"
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sundhedsguiden")


# ------------------------------------------------------------------ 8. small screens, zoom


def _assert_no_horizontal_scroll(page: Page) -> None:
    widths = page.evaluate(
        """() => {
          const host = document.querySelector("[data-sundhedsguiden]");
          const scroller = host.shadowRoot.querySelector(".sg-scroll");
          return {doc: document.documentElement.scrollWidth, win: window.innerWidth,
                  inner: scroller.scrollWidth, innerClient: scroller.clientWidth};
        }"""
    )
    assert widths["doc"] <= widths["win"], widths
    # Nothing is cut off inside the conversation either (it hides horizontal overflow).
    assert widths["inner"] <= widths["innerClient"], widths


def _assert_input_reachable(page: Page, chat: Chat) -> None:
    chat.input.focus()
    chat.input.scroll_into_view_if_needed()
    box = chat.input.bounding_box()
    viewport = page.viewport_size
    assert box is not None
    assert viewport is not None
    assert box["x"] >= 0, box
    assert box["x"] + box["width"] <= viewport["width"] + 1, box
    expect(chat.send_button).to_be_visible()
    chat.input.press_sequentially("ok")
    expect(chat.input).to_have_value("ok")
    chat.input.fill("")


def test_fits_360_px_and_200_percent_zoom(page: Page, system: RunningSystem) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    chat = Chat(page).open(system.public + "/")
    _assert_no_horizontal_scroll(page)
    chat.say(CARE_HOME_QUESTION)
    _assert_no_horizontal_scroll(page)
    _assert_input_reachable(page, chat)

    # 200 % zoom of a 1280 px wide window (= 640 CSS px).
    page.set_viewport_size({"width": 1280, "height": 800})
    page.evaluate("document.body.style.zoom = '200%'")
    _assert_no_horizontal_scroll(page)
    _assert_input_reachable(page, chat)
    page.screenshot(path=str(_shot("zoom_200_1280")), full_page=True)

    # 200 % zoom on the phone too (180 CSS px, below WCAG's 320 px reflow width).
    page.set_viewport_size({"width": 360, "height": 740})
    _assert_no_horizontal_scroll(page)
    _assert_input_reachable(page, chat)
    page.screenshot(path=str(_shot("zoom_200_360")), full_page=True)


def _shot(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"test_fits_360_px_and_200_percent_zoom_{name}.png"


# ------------------------------------------------------------------ 9. embedding


def test_embed_script_adds_a_working_widget_to_another_site(
    page: Page, embedding_site: str
) -> None:
    page.goto(embedding_site + "/index.html")
    launcher = page.get_by_role("button", name="Sundhedsguiden Gentofte")
    expect(launcher).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(launcher).to_have_css("background-color", "rgb(91, 42, 134)")

    launcher.click()
    dialog = page.get_by_role("dialog", name="Sundhedsguiden Gentofte")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="Sundhedsguiden Gentofte")).to_be_visible()
    expect(dialog.locator(".sg-header")).to_have_css("background-color", "rgb(91, 42, 134)")
    chat = Chat(page)
    expect(chat.input).to_be_focused()
    assert _serious_violations(page) == []

    with page.expect_request(
        lambda r: r.url.endswith("/api/chat") and r.method == "POST"
    ) as request_info:
        chat.send(CARE_HOME_QUESTION)
    body = request_info.value.post_data_json
    assert body["municipality"] == "Gentofte"
    assert not request_info.value.url.startswith(embedding_site)  # a cross-origin call (CORS)
    expect(chat.wait_for_bot_messages(1)).to_contain_text("2 måneder")
    page.screenshot(path=str(SCREENSHOTS / "test_embed_script_panel_open.png"), full_page=True)

    # Escape closes the panel and gives focus back to the launcher.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_embed_script_can_show_the_chat_inline(page: Page, embedding_site: str) -> None:
    page.goto(embedding_site + "/inline.html")
    container = page.locator("#chat")
    expect(container.get_by_role("heading", name="Sundhedsguiden Gentofte")).to_be_visible()
    expect(container.get_by_role("textbox", name="Din besked")).to_be_visible()
    expect(page.get_by_role("button", name="Sundhedsguiden Gentofte")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text("Spørg os")
