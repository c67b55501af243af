"""The tables of the results pages, built once for the page and for its CSV export, so that both always
say the same thing. A table is a key (its CSV's name), a title, column headers and rows of plain values."""

from dataclasses import dataclass

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from server.library.labels import CATEGORY_LABELS
from server.shares.labels import network_label
from server.shares.states import TARGET_LABELS


@dataclass
class Table:
    key: str
    title: object
    header: list
    rows: list
    numeric_from: int = 1  # columns from this index on are numbers (aligned right)


def _totals_header(first):
    return [first, _l("Opened"), _l("Posted"), _l("Clicks"), _l("Visitor-days")]


def _totals(totals):
    return [totals.opened, totals.posted, totals.clicks, totals.visitor_days]


def daily_table(series, title=None):
    return Table("days", title or _l("Day by day"), _totals_header(_l("Day")),
                 [[day.isoformat(), *_totals(totals)] for day, totals in series])


def network_table(by_network):
    return Table("networks", _l("By network"), _totals_header(_l("Network")),
                 [[network_label(network), *_totals(totals)] for network, totals in by_network])


def named_table(key, title, first, rows, unnamed):
    return Table(key, title, _totals_header(first),
                 [[name or unnamed, *_totals(totals)] for _id, name, totals in rows])


def mix_table(mix):
    return Table("mix", _l("Content mix of the shares"),
                 [_l("Category"), _l("Shares"), _l("Actual (%)"), _l("Target (%)")],
                 [[CATEGORY_LABELS.get(category, category), count, actual, target]
                  for category, count, actual, target in mix])


def overview_tables(overview):
    tables = [daily_table(overview.series), network_table(overview.by_network)]
    if overview.by_department:
        tables.append(named_table("departments", _l("By department"), _l("Department"), overview.by_department,
                                  _l("No department")))
    tables += [named_table("campaigns", _l("By campaign"), _l("Campaign"), overview.by_campaign, _l("No campaign")),
               named_table("links", _l("Top content"), _l("Link"), overview.top_links, _l("Untitled")),
               mix_table(overview.mix)]
    return tables


def campaign_tables(report):
    departments = Table("departments", _l("By department"),
                        [_l("Department"), _l("Members"), _l("Taking part"), _l("Shared"), _l("Participation (%)"),
                         _l("Opened"), _l("Posted"), _l("Clicks"), _l("Visitor-days")],
                        [[line.name or _l("No department"), line.members, line.enrolled, line.sharers,
                          line.participation_percent, *_totals(line.totals)] for line in report.departments])
    return [departments, network_table(report.by_network),
            named_table("links", _l("Top content"), _l("Link"), report.top_links, _l("Untitled")),
            daily_table(report.series), mix_table(report.mix)]


def impact_tables(impact):
    shares = Table("shares", _l("My shares"),
                   [_l("Shared on"), _l("Link"), _l("Network"), _l("Outcome"), _l("Clicks"), _l("Visitor-days")],
                   [[format_date(figures.share.created_at, "short"), figures.share.link.title or _l("Untitled"),
                     network_label(target.network),
                     TARGET_LABELS.get(target.state, target.state), target.clicks, target.visitor_days]
                    for figures in impact.shares for target in figures.targets], numeric_from=4)
    return [shares, daily_table(impact.series, _l("My history"))]


def team_tables(team):
    members = Table("members", _l("Members who show their figures"),
                    [_l("Name"), _l("Taking part"), _l("Opened"), _l("Posted"), _l("Clicks"), _l("Visitor-days")],
                    [[member.user.name, _l("Yes") if member.takes_part else _l("No"), *_totals(member.totals)]
                     for member in team.members if member.visible], numeric_from=2)
    return [members]


def find(tables, key):
    return next((table for table in tables if table.key == key), None)
