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
    DividendEntry,
    Instalment,
    MonitoringReport,
    VerifiedSaving,
)

__all__ = [
    "Application",
    "Attachment",
    "BudgetLine",
    "Clawback",
    "Criterion",
    "DividendEntry",
    "Fund",
    "FundIncome",
    "Instalment",
    "MonitoringReport",
    "Round",
    "Score",
    "VerifiedSaving",
    "attachment_file_name",
]
