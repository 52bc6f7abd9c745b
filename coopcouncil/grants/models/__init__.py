"""Grants' records: funds and rounds, applications and scores, and the money after the award."""

from coopcouncil.grants.models.applications import (
    Application,
    Attachment,
    BudgetLine,
    Score,
    attachment_file_name,
)
from coopcouncil.grants.models.funds import Criterion, Fund, FundIncome, Round
from coopcouncil.grants.models.money import (
    Clawback,
    ClawbackDue,
    DividendEntry,
    Instalment,
    MonitoringReport,
    VerifiedSaving,
)
from coopcouncil.grants.models.tallies import WardTally

__all__ = [
    "Application",
    "Attachment",
    "BudgetLine",
    "Clawback",
    "ClawbackDue",
    "Criterion",
    "DividendEntry",
    "Fund",
    "FundIncome",
    "Instalment",
    "MonitoringReport",
    "Round",
    "Score",
    "VerifiedSaving",
    "WardTally",
    "attachment_file_name",
]
