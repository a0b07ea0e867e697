"""The call viewer: turns by speaker, matched turns highlighted by kind of match."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from callcenter_ai.core.records import StoredCall
from callcenter_ai.gui.results_model import HighlightedTurn, format_date, format_duration

# Background of a matched turn by how it matched.
SEMANTIC_COLOUR = "#dbe9ff"  # blue: close in meaning
KEYWORD_COLOUR = "#fff1b8"  # yellow: shares words with the query
BOTH_COLOUR = "#d9f2d0"  # green: both
SPEAKER_COLOUR = {"operator": "#1f4e9e", "client": "#8a3b00", "unknown": "#555555"}


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
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("callText")
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.legend)
        layout.addWidget(self.browser, 1)
        self.call: StoredCall | None = None
        self.matched_positions: dict[int, frozenset[str]] = {}
        self.clear()

    def clear(self) -> None:
        self.call = None
        self.matched_positions = {}
        self.header.setText(self.tr("Select a result to see the call."))
        self.browser.clear()

    def show_call(self, call: StoredCall, matched: tuple[HighlightedTurn, ...] = ()) -> None:
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
            text = html.escape(turn.text).replace("\n", "<br>")
            parts.append(
                f'<a name="turn{position}"></a>'
                f'<p style="margin:2px 0; padding:3px; {style}">'
                f'<span style="color:{SPEAKER_COLOUR.get(turn.speaker, "#555")}; font-weight:bold">'
                f"{position + 1}. {speaker}:</span> {text}</p>"
            )
        self.browser.setHtml("".join(parts))
        if self.matched_positions:
            self.browser.scrollToAnchor(f"turn{min(self.matched_positions)}")
