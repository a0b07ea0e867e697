"""The call viewer: turns by speaker, matched turns highlighted by kind of match, the matched
words marked inside them, the best sentence of a match by meaning underlined, and
previous/next-match buttons (F3 / Shift+F3)."""

from __future__ import annotations

import html

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.search import best_sentence, query_word_spans
from callcenter_ai.core.text import content_stems
from callcenter_ai.gui.results_model import HighlightedTurn, format_date, format_duration

# Background of a matched turn by how it matched.
SEMANTIC_COLOUR = "#dbe9ff"  # blue: close in meaning
KEYWORD_COLOUR = "#fff1b8"  # yellow: shares words with the query
BOTH_COLOUR = "#d9f2d0"  # green: both
SPEAKER_COLOUR = {"operator": "#1f4e9e", "client": "#8a3b00", "unknown": "#555555"}
WORD_COLOUR = "#ffd54a"  # a matched word inside a turn


def marked_text(text: str, query: str, kinds: frozenset[str]) -> str:
    """``text`` as HTML with the query's words marked; for a match by meaning, its best sentence underlined."""
    spans = [(a, b, "word") for a, b in query_word_spans(text, query)]
    if "semantic" in kinds and spans:  # a sentence is chosen by the query's words it holds
        sentence = best_sentence(text, content_stems(query))
        if sentence is not None:
            spans.append((sentence[0], sentence[1], "sentence"))
    if not spans:
        return html.escape(text)
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}
    for a, b, kind in spans:
        opening = f'<span style="background:{WORD_COLOUR}">' if kind == "word" else "<u>"
        starts.setdefault(a, []).append(opening)
        ends.setdefault(b, []).insert(0, "</span>" if kind == "word" else "</u>")
    out: list[str] = []
    for i, ch in enumerate(text):
        out.extend(ends.get(i, ()))
        out.extend(sorted(starts.get(i, ()), key=lambda tag: tag != "<u>"))  # a sentence opens outside its words
        out.append(html.escape(ch))
    out.extend(ends.get(len(text), ()))
    return "".join(out)


def match_colour(kinds: frozenset[str]) -> str:
    if "semantic" in kinds and "keyword" in kinds:
        return BOTH_COLOUR
    if "keyword" in kinds:
        return KEYWORD_COLOUR
    return SEMANTIC_COLOUR


class CallViewer(QWidget):
    """Shows one call; :attr:`matched_positions` tells tests which turns are highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(self)
        self.header.setObjectName("callHeader")
        self.header.setWordWrap(True)
        self.legend = QLabel(self)
        by_meaning = html.escape(self.tr("by meaning"))
        by_words = html.escape(self.tr("by words"))
        both = html.escape(self.tr("both"))
        self.legend.setText(
            f'<span style="background:{SEMANTIC_COLOUR}">&nbsp;{by_meaning}&nbsp;</span> '
            f'<span style="background:{KEYWORD_COLOUR}">&nbsp;{by_words}&nbsp;</span> '
            f'<span style="background:{BOTH_COLOUR}">&nbsp;{both}&nbsp;</span>'
        )
        self.legend.setToolTip(self.tr("Matched words are marked; the sentence closest in meaning is underlined"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("callText")
        self.browser.setOpenLinks(False)
        self.browser.setTabChangesFocus(True)
        self.previous_button = QPushButton("▲", self)
        self.previous_button.setObjectName("previousMatchButton")
        self.previous_button.setShortcut(QKeySequence("Shift+F3"))
        self.previous_button.setToolTip(self.tr("Previous matched turn (Shift+F3)"))
        self.previous_button.clicked.connect(lambda: self.step_match(-1))
        self.next_button = QPushButton("▼", self)
        self.next_button.setObjectName("nextMatchButton")
        self.next_button.setShortcut(QKeySequence("F3"))
        self.next_button.setToolTip(self.tr("Next matched turn (F3)"))
        self.next_button.clicked.connect(lambda: self.step_match(1))
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(32)
        self.match_label = QLabel(self)
        self.match_label.setObjectName("matchLabel")
        navigation = QHBoxLayout()
        navigation.addWidget(self.legend, 1)
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.match_label)
        navigation.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addLayout(navigation)
        layout.addWidget(self.browser, 1)
        self.call: StoredCall | None = None
        self.matched_positions: dict[int, frozenset[str]] = {}
        self.current_match = -1  # index into sorted matched positions
        self.clear()

    def clear(self) -> None:
        self.call = None
        self.matched_positions = {}
        self.current_match = -1
        self.header.setText(self.tr("Select a result to see the call."))
        self.browser.clear()
        self._update_navigation()

    def step_match(self, delta: int) -> None:
        """Scroll to the next (``delta`` 1) or previous (-1) matched turn, wrapping around."""
        positions = sorted(self.matched_positions)
        if not positions:
            return
        self.current_match = (self.current_match + delta) % len(positions)
        self.browser.scrollToAnchor(f"turn{positions[self.current_match]}")
        self._update_navigation()

    def _update_navigation(self) -> None:
        count = len(self.matched_positions)
        for button in (self.previous_button, self.next_button):
            button.setEnabled(count > 1)
        self.match_label.setText(f"{self.current_match + 1} / {count}" if count else "")

    def show_call(self, call: StoredCall, matched: tuple[HighlightedTurn, ...] = (), *, query: str = "") -> None:
        self.call = call
        self.matched_positions = {}
        for hit in matched:
            self.matched_positions[hit.position] = self.matched_positions.get(hit.position, frozenset()) | hit.kinds
        facts = [
            f"<b>{html.escape(call.dialog_id)}</b>",
            html.escape(format_date(call.started_at)),
            html.escape(call.operator or ""),
            html.escape(call.topic or ""),
            html.escape(format_duration(call.duration_s)),
            html.escape(call.channel or ""),
            html.escape(call.outcome or ""),
        ]
        self.header.setText(" · ".join(f for f in facts if f))
        names = {"operator": self.tr("Operator"), "client": self.tr("Client"), "unknown": self.tr("Unknown")}
        parts = []
        for position, turn in enumerate(call.turns):
            kinds = self.matched_positions.get(position)
            style = f"background:{match_colour(kinds)};" if kinds else ""
            speaker = html.escape(names.get(turn.speaker, turn.speaker))
            text = (marked_text(turn.text, query, kinds) if kinds else html.escape(turn.text)).replace("\n", "<br>")
            parts.append(
                f'<a name="turn{position}"></a>'
                f'<p style="margin:2px 0; padding:3px; {style}">'
                f'<span style="color:{SPEAKER_COLOUR.get(turn.speaker, "#555")}; font-weight:bold">'
                f"{position + 1}. {speaker}:</span> {text}</p>"
            )
        self.browser.setHtml("".join(parts))
        self.current_match = 0 if self.matched_positions else -1
        if self.matched_positions:
            self.browser.scrollToAnchor(f"turn{min(self.matched_positions)}")
        self._update_navigation()
