"""The trust panel: who wrote a page, who checked it, when, and when it is next due.

One small object every content type returns from ``trust_panel()``, so articles,
alternatives and help services show the same block in the same place
(templates/includes/trust_panel.html), modelled on the NHS "Page last reviewed /
Next review due" block.
"""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TrustPanel:
    authors: list = field(default_factory=list)  # Contributors (name, role, page)
    checker: object = None  # a Contributor (name, credentials, page), or None
    checker_fallback: str = ""  # shown when nobody is named, e.g. "Nightlight staff"
    checked_label: str = "Reviewed by"
    checked_on: datetime.date | None = None
    checked_on_label: str = "Page last reviewed"
    next_due: datetime.date | None = None
    next_due_label: str = "Next review due"
    change_note: str = ""
    overdue: bool = False
    overdue_title: str = ""
    overdue_text: str = ""
