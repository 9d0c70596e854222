"""How the app looks: its icon, and the light and dark themes with colours that stay readable.

A chosen theme (light or dark) sets Qt's colour scheme where Qt has one (6.8 and later), and
the Fusion style with a palette of our own everywhere, so that it looks the same on every
desktop. "Follow the system" gives everything back to the platform. Every pair of colours a
reader reads (text on its background, selected text, links, the context panel's grey notes)
has a contrast of at least 4.5:1, the WCAG AA level, in both themes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from serge_reader import paths

SYSTEM, LIGHT, DARK = "system", "light", "dark"
THEMES = (SYSTEM, LIGHT, DARK)

ICON_NAME = "serge-reader"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SMALL_ICON_MAX = 32  # up to this size the PNGs come from the simplified small design

_APPLIED = "sergeReaderTheme"  # an application property: the theme last applied
_SYSTEM_STYLE = "serge_reader_system_style"  # app property: the style before a theme was chosen

Role = QPalette.ColorRole

_LIGHT = {
    Role.Window: "#f3f3f3",
    Role.WindowText: "#1b1b1b",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f2f4f7",
    Role.Text: "#1b1b1b",
    Role.Button: "#e9e9e9",
    Role.ButtonText: "#1b1b1b",
    Role.ToolTipBase: "#fffbe6",
    Role.ToolTipText: "#1b1b1b",
    Role.PlaceholderText: "#666666",
    Role.Highlight: "#1d5fb3",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#0b57b0",
    Role.LinkVisited: "#6a3d9a",
    Role.BrightText: "#ffffff",
}

_DARK = {
    Role.Window: "#1f1f1f",
    Role.WindowText: "#e8e8e8",
    Role.Base: "#161616",
    Role.AlternateBase: "#222426",
    Role.Text: "#e8e8e8",
    Role.Button: "#2d2d2d",
    Role.ButtonText: "#e8e8e8",
    Role.ToolTipBase: "#2d2d2d",
    Role.ToolTipText: "#e8e8e8",
    Role.PlaceholderText: "#9a9a9a",
    Role.Highlight: "#2a64ad",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#8ab8f2",
    Role.LinkVisited: "#c6a6ea",
    Role.BrightText: "#ffffff",
}

_DISABLED_TEXT = {LIGHT: "#8a8a8a", DARK: "#7c7c7c"}
# The edges of the fields a reader types in: Fusion draws them a shade darker than the
# window, which on a dark window is the field's own black (1.1:1). These keep 3:1 (WCAG's
# level for the edges of controls) against both the window and the field.
_FIELD_BORDER = {LIGHT: "#858585", DARK: "#8a8a8a"}


def field_style(theme: str) -> str:
    """The style sheet of the windows in a chosen theme: visible edges on text fields (set
    on each window, its dialogs inheriting it, so that the application's style stays
    Fusion). Following the system: none."""
    if theme not in (LIGHT, DARK):
        return ""
    border = _FIELD_BORDER[DARK if theme == DARK else LIGHT]
    focus = (_DARK if theme == DARK else _LIGHT)[Role.Highlight]
    fields = "QLineEdit, QPlainTextEdit, QAbstractSpinBox"
    return (
        f"{fields} {{ border: 1px solid {border}; border-radius: 3px; padding: 1px 2px; }}\n"
        f"QLineEdit:focus, QPlainTextEdit:focus, QAbstractSpinBox:focus "
        f"{{ border: 1px solid {focus}; }}\n"
        f"QLineEdit:disabled, QPlainTextEdit:disabled, QAbstractSpinBox:disabled "
        f"{{ border-color: {_DISABLED_TEXT[DARK if theme == DARK else LIGHT]}; }}\n"
    )


def app_icon() -> QIcon:
    """The program's icon at every size it ships, for the window, the taskbar and dialogs."""
    folder = paths.resources_dir() / "icons"
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"{ICON_NAME}-{size}.png"), QSize(size, size))
    return icon


def palette_for(theme: str) -> QPalette:
    """The palette of a chosen theme (light or dark)."""
    colors = _DARK if theme == DARK else _LIGHT
    palette = QPalette()
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    button = QColor(colors[Role.Button])
    # The shades Fusion draws frames, bevels and separators with.
    palette.setColor(Role.Light, button.lighter(150))
    palette.setColor(Role.Midlight, button.lighter(125))
    palette.setColor(Role.Mid, button.darker(150))
    palette.setColor(Role.Dark, button.darker(200))
    palette.setColor(Role.Shadow, QColor("#000000"))
    palette.setColor(Role.Accent, QColor(colors[Role.Highlight]))
    disabled = QColor(_DISABLED_TEXT[DARK if theme == DARK else LIGHT])
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Follow the system, or force light or dark; an unknown name follows the system.
    Asking again for the theme in force changes nothing: restyling every widget is slow,
    and the reading-font settings ask at each step of their spin box."""
    if app.property(_APPLIED) == theme:
        return
    app.setProperty(_APPLIED, theme)
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8 and later
        scheme = {LIGHT: Qt.ColorScheme.Light, DARK: Qt.ColorScheme.Dark}
        hints.setColorScheme(scheme.get(theme, Qt.ColorScheme.Unknown))
    system_style = app.property(_SYSTEM_STYLE)
    if theme in (LIGHT, DARK):
        if system_style is None:
            app.setProperty(_SYSTEM_STYLE, app.style().name())
        app.setStyle("Fusion")
        app.setPalette(palette_for(theme))
    else:
        if isinstance(system_style, str):
            app.setStyle(system_style)
            app.setProperty(_SYSTEM_STYLE, None)
        app.setPalette(QPalette())  # an empty palette gives the platform's back


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightness() < 128


def contrast_ratio(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def page_colors(palette: QPalette) -> dict[str, str]:
    """The colours of the context panel's pages, readable on the palette's base colour."""
    if is_dark(palette):
        return {"muted": "#a8a8a8", "unresolved": "#ff8a95"}
    return {"muted": "#5f5f5f", "unresolved": "#b00020"}


def page_style(palette: QPalette) -> str:
    """CSS for the context panel (QTextDocument.setDefaultStyleSheet), matching the theme."""
    c = page_colors(palette)
    return (
        f".subtitle, .note-meta, .sources, .blocked-link {{ color: {c['muted']}; }}\n"
        f".unresolved {{ color: {c['unresolved']}; }}\n"
        # Leading as in a book: text set solid is a form, not a page.
        "p, li, blockquote, dd { line-height: 145%; }\n"
    )


def markdown_colors(palette: QPalette) -> dict[str, QColor]:
    """The note editor's highlighting colours, readable on the palette's base colour."""
    if is_dark(palette):
        names = {
            "heading": "#8ab8f2",
            "quote": "#b5c98a",
            "code": "#f0a878",
            "wikilink": "#6fd3a8",
            "link": "#8ab8f2",
            "tag": "#d4a6f0",
        }
    else:
        names = {
            "heading": "#1d4f91",
            "quote": "#4f5e26",
            "code": "#8a3b12",
            "wikilink": "#0b6e4f",
            "link": "#1d4f91",
            "tag": "#7a3e9d",
        }
    return {name: QColor(color) for name, color in names.items()}
