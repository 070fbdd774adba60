"""What the renderer prints for one newsletter, taken from its profile.

The renderer names no newsletter: every label, heading and landmark it prints comes from
the profile a :class:`~newsextract.testing.render_types.Layout` names, as the first
spelling the profile gives (its printed form). :class:`PrintedForms` holds them.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsextract.profiles import Profile, resolve_profile
from newsextract.profiles.model import LabelSpec

__all__ = ["LABEL_KEYS", "PrintedForms", "printed_forms"]

#: The story label keys a layout prints: the profile's five, plus the plural "articles"
#: and the singular "issuing_body" (printed where a story cites several documents / one
#: body).
LABEL_KEYS = ("at_a_glance", "comment", "article", "articles", "issuing_bodies",
              "issuing_body", "date")


@dataclass(frozen=True)
class PrintedForms:
    """The printed words of one profile (all but ``labels`` and ``news`` plain strings).

    ``top_heading`` holds ``{n}`` for the number of stories; ``news`` maps the Issue list
    (``policy_news``, ``corporate_news``) to its heading; ``period_label`` is printed in
    capitals on the cover line; ``phone`` and ``mail`` open publisher lines.
    """

    profile: Profile
    labels: dict[str, str]
    contents: str
    top_heading: str
    noteworthy: str
    news: dict[str, str]
    period_label: str
    authors: str
    editors: str
    publisher: str
    contact: str
    phone: str
    mail: str


def _variant(spec: LabelSpec, plural: bool) -> str:
    """Return the plural (or singular) alias of a label's printed form, else that form."""
    first = spec.aliases[0]
    if plural:
        wanted = {first + "s"}
    else:
        wanted = {first[:-3] + "y", first[:-1]} if first.endswith("ies") else {first[:-1]}
    return next((a for a in spec.aliases[1:] if a in wanted), first) + ":"


def printed_forms(spec: Profile | str) -> PrintedForms:
    """Given a profile (or its file or installed name), return what the renderer prints."""
    p = resolve_profile(spec)
    lab, head, back = p.labels, p.headings, p.back
    labels = {key: getattr(lab, key).aliases[0] + ":"
              for key in ("at_a_glance", "comment", "article", "issuing_bodies", "date")}
    labels["articles"] = _variant(lab.article, plural=True)
    labels["issuing_body"] = _variant(lab.issuing_bodies, plural=False)
    news: dict[str, str] = {n.section: n.spellings[0] for n in reversed(head.news_sections)}
    for section in ("policy_news", "corporate_news"):
        news.setdefault(section, section.replace("_", " ").capitalize())
    return PrintedForms(
        profile=p, labels=labels, contents=head.contents[0],
        top_heading=head.top.spellings[0].replace("{count}", "{n}"), noteworthy=head.news[0],
        news=news, period_label=p.cover.period_labels[0].upper(), authors=back.authors[0],
        editors=back.editors[0], publisher=back.publisher[0],
        contact=back.contact.aliases[0] + ":", phone=back.phone.aliases[0] + ":",
        mail=back.mail.aliases[0] + ":",
    )
