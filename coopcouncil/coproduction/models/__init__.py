"""Co-production: volunteering and time credits, gritting, staff days, community assets.

One module per part; import the models from here.
"""

from coopcouncil.coproduction.models.assets import (
    CommitmentReturn,
    CommunityAsset,
    CommunityValueNomination,
    LeaseAgreement,
    LeaseApplication,
    MeanwhileLicence,
    ServiceCommitment,
)
from coopcouncil.coproduction.models.gritting import (
    EquipmentLoan,
    GrittingAlert,
    GrittingRoute,
    GrittingRun,
)
from coopcouncil.coproduction.models.staff_volunteering import StaffVolunteeringRequest
from coopcouncil.coproduction.models.time_credits import (
    CreditAccount,
    CreditEntry,
    CreditOffer,
    CreditRedemption,
)
from coopcouncil.coproduction.models.volunteering import (
    Opportunity,
    SafeguardingCheck,
    Shift,
    SignUp,
)

__all__ = [
    "CommitmentReturn",
    "CommunityAsset",
    "CommunityValueNomination",
    "CreditAccount",
    "CreditEntry",
    "CreditOffer",
    "CreditRedemption",
    "EquipmentLoan",
    "GrittingAlert",
    "GrittingRoute",
    "GrittingRun",
    "LeaseAgreement",
    "LeaseApplication",
    "MeanwhileLicence",
    "Opportunity",
    "SafeguardingCheck",
    "ServiceCommitment",
    "Shift",
    "SignUp",
    "StaffVolunteeringRequest",
]
