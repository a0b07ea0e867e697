"""What a server's user is shown and offered: «anna (оператор)», and import and indexing only for admins.

The strings keep the «RemoteSession» translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from callcenter_ai.core.remote import RemoteUser
from callcenter_ai.gui.backend import WindowBackend
from callcenter_ai.gui.remote_backend import RemoteBackend

if TYPE_CHECKING:
    from callcenter_ai.gui.main_window import MainWindow


def who(user: RemoteUser) -> str:
    """`` · anna (оператор)`` for the status bar; empty before the server has said who the token is."""
    roles = {
        "admin": QCoreApplication.translate("RemoteSession", "admin"),
        "operator": QCoreApplication.translate("RemoteSession", "operator"),
    }
    if not user.role:
        return ""
    role = roles.get(user.role, user.role)
    return " · " + (f"{user.user} ({role})" if user.user else role)


def apply_role(window: MainWindow, import_action: QAction, backend: WindowBackend) -> None:
    """Import and indexing only for a role that may do them; the demo set only on a local home."""
    remote = isinstance(backend, RemoteBackend)
    importer = not isinstance(backend, RemoteBackend) or backend.user.can("import")
    indexer = not isinstance(backend, RemoteBackend) or backend.user.can("index")
    import_action.setVisible(importer)
    import_action.setEnabled(importer)  # Ctrl+O too
    window.welcome.import_button.setVisible(importer)
    window.index_tab.import_button.setVisible(importer)
    window.welcome.demo_button.setVisible(not remote)
    window.index_tab.demo_button.setVisible(not remote)
    window.tabs.setTabVisible(window.tabs.indexOf(window.index_tab), importer or indexer)
    window.search_tab.notice_button.setEnabled(indexer)
    window.analytics_tab.rebuild_button.setVisible(indexer)
