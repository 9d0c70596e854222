from tests.test_layout import *
def test_dbg(open_window, qtbot):
    window = open_window()
    window.compact_action.trigger()
    compact = window.compact
    qtbot.waitActive(compact)
    from PySide6.QtGui import QShortcut
    sc = compact.findChildren(QShortcut)
    print([s.key().toString() for s in sc], QApplication.activeWindow(), QApplication.focusWidget())
    hits=[]
    sc[-1].activated.connect(lambda: hits.append(1))
    sc[-1].activatedAmbiguously.connect(lambda: hits.append(2))
    qtbot.keyClick(compact.panel, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    print(hits)
