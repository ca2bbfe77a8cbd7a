"""Human Trafficking Case Data Standard 2.0: field names, and how our questions map to them."""

from __future__ import annotations

from collections.abc import Mapping

from interview_app.domain.model import Form, Item

# The field names of HTCDS 2.0 ("Field Name including Prefix" in the field standards sheet,
# Draft and Deprecated rows). A name not in this set is never written as if it were HTCDS.
HTCDS_VERSION = "2.0"
_FIELD_NAMES = """
org_Name org_ShippingCity org_ShippingCountry org_ShippingState org_ShippingStreet
org_ShippingPostalCode org_ShippingLongitude org_ShippingLatitude org_Phone org_Type
prs_Salutation prs_FirstName prs_MiddleName prs_SecondName prs_Birthdate prs_Gender
prs_Deceased prs_MaritalStatus prs_NumberOfChildren prs_PrimaryLanguage prs_SecondaryLanguage
prs_HighestLevelOfEducation prs_Citizenship prs_IdentityNumber prs_Title prs_Email
prs_HomePhone prs_MobilePhone prs_MailingCity prs_MailingCountry prs_MailingState
prs_MailingStreet prs_MailingPostalCode prs_MailingLongitude prs_MailingLatitude
vic_AgreementToManagePersonalData vic_TraffickingStatus vic_TraffickingStatusDecisionMakingOrg
vic_RelationshipToTrafficker vic_AgeWhenTrafficked vic_RecruitmentWebsitesAndApps
vic_MethodOfRecruitment vic_LocationOfRecruitment vic_MethodsOfControl vic_TypeOfExploitation
vic_ForcedLabourIndustry vic_TypeOfSexExploitation vic_LocationOfExploitation
vic_ExploitationWebsitesAndApps vic_Vulnerabilities vic_DetailsOfVulnerabilities
per_RoleInProcess per_RoleDetails cas_Status cas_ReasonForCaseClosure cas_CaseOwner
cas_ReferringOrganisation cas_IncomingReferralDate cas_ReferringPrimaryCaseWorker
cas_ReasonForIncomingReferral cas_IncomingReferralDetails cas_ReferredOrganisation
cas_ReferredPrimaryCaseWorker cas_ReasonForOutgoingReferral cas_OutgoingReferralDate
cas_OutgoingReferralDetails cco_CaseComment hte_Longitude hte_Latitude hte_City hte_Country
hte_State hte_Street hte_PostalCode hte_Date hte_Type hte_Description spl_Objectives
spl_ActionPlan spl_PlannedEndDate spl_ActualEndDate spl_Type con_Consent
"""
FIELDS: frozenset[str] = frozenset(_FIELD_NAMES.split())

# Scripts name fields in lower case (forms/README.md); some of those names are not HTCDS 2.0
# names, so each is resolved here once. None: the script's name has no HTCDS 2.0 field.
SCRIPT_NAMES: Mapping[str, str | None] = {
    "prs_nationality": "prs_Citizenship",
    "vic_method_of_recruitment": "vic_MethodOfRecruitment",
    "vic_type_of_labour_exploitation": "vic_ForcedLabourIndustry",
    # Deprecated in 2.0 in favour of the Consent table.
    "vic_agreement_to_manage_personal_data": "con_Consent",
    "hte_date": "hte_Date",
    "hte_country": "hte_Country",
    "hte_type": "hte_Type",
    "hte_description": "hte_Description",
    "per_role_in_process": "per_RoleInProcess",
    "needs_medical": None,
}

# Questions the scripts do not (yet) mark with `htcds:` but whose HTCDS field is clear.
EXTRA_FIELDS: Mapping[str, str] = {
    "identification.exploitation_forms": "vic_TypeOfExploitation",
}

# Identity annex fields (repository.record_identity) with an HTCDS equivalent.
IDENTITY_FIELDS: Mapping[str, str] = {
    "first_name": "prs_FirstName",
    "middle_name": "prs_MiddleName",
    "family_name": "prs_SecondName",
    "second_name": "prs_SecondName",
    "date_of_birth": "prs_Birthdate",
    "sex": "prs_Gender",
    "gender": "prs_Gender",
    "nationality": "prs_Citizenship",
    "citizenship": "prs_Citizenship",
    "identity_number": "prs_IdentityNumber",
    "phone": "prs_MobilePhone",
    "email": "prs_Email",
    "primary_language": "prs_PrimaryLanguage",
}

# Our option values -> HTCDS picklist values, per HTCDS field. A value missing here is left
# out of the HTCDS block (it stays, with our code, in the answers).
PICKLISTS: Mapping[str, Mapping[str, str]] = {
    "vic_TypeOfExploitation": {
        "sexual_exploitation": "SexualExploitation",
        "forced_labour": "ForcedLabour",
        "domestic_servitude": "Servitude",
        "forced_begging": "ForcedBegging",
        "forced_criminality": "Other",
        "forced_marriage": "ForcedMarriage",
        "organ_removal": "OrganRemoval",
        "other_form": "Other",
    },
    "vic_ForcedLabourIndustry": {
        "farm_or_fishing": "A_AgricultureForestryAndFishing",
        "construction": "F_Construction",
        "factory": "C_Manufacturing",
        "cleaning": "N_AdministrativeAndSupportServiceActivities",
        "hospitality": "I_AccommodationAndFoodServiceActivities",
        "care": "Q_HumanHealthAndSocialWorkActivities",
        "domestic": "T_ActivitiesOfHouseholdsAsEmployers",
        "transport": "H_TransportationAndStorage",
        "street_selling": "G_WholesaleAndRetailTradeRepairOfMotorVehicles",
        "entertainment": "R_ArtsEntertainmentAndRecreation",
    },
    "vic_MethodOfRecruitment": {
        "relative": "ThroughFamilyOrFamilyEvents",
        "known_person": "ThroughFriendsOrSocialEvents",
        "partner": "ThroughFriendsOrSocialEvents",
        "stranger": "Other",
        "agency_or_advert": "Other",
        "someone_else": "Other",
    },
    "hte_Type": {"recruitment": "Recruitment", "transit": "Transit", "work": "Exploitation"},
    "per_RoleInProcess": {
        "recruiter": "RecruiterOrIntermediary",
        "transporter": "Transporter",
        "exploiter": "Exploiter",
        "guard": "Other",
        "money": "Other",
        "papers": "Other",
        "other_role": "Other",
    },
    "prs_Gender": {
        "female": "Feminine",
        "woman": "Feminine",
        "male": "Masculine",
        "man": "Masculine",
    },
}


def resolve(name: str | None) -> str | None:
    """The HTCDS 2.0 field a script's ``htcds:`` value stands for; None when there is none."""
    if name is None:
        return None
    if name in FIELDS:
        return name
    return SCRIPT_NAMES.get(name)


def item_field(form: Form, item: Item) -> str | None:
    """The HTCDS field of one question: its own ``htcds:`` first, then :data:`EXTRA_FIELDS`."""
    return resolve(item.htcds) or EXTRA_FIELDS.get(f"{form.id}.{item.id}")


def picklist_value(field: str, value: str) -> str | None:
    """Our option value as the field's HTCDS picklist value; None when it has none."""
    values = PICKLISTS.get(field)
    if values is None:
        return value
    return values.get(value)


# vic_MethodsOfControl picklist values (the 2.0 field standards sheet), and the catalogue's
# indicators each one clearly names. An observation carries the value as what it speaks to,
# never as a finding about the case: HTCDS fields are not filled from observations.
METHODS_OF_CONTROL = "vic_MethodsOfControl"
_CONTROL_VALUES = frozenset({
    "PhysicalThreats", "ThreatsLawEnforcement", "ThreatensChildrenFamily", "DebtBondage",
    "FalsePromises", "PhysicalAbuse", "SexualAbuse", "TakesEarnings",
    "RestrictsFinancialAccess", "RestrictsMedicalCare", "WithholdsNecessities",
    "PsychologicalAbuse", "PsychoactiveSubstance", "ExcessiveWorkingHours",
    "WithholdsDocuments", "Other",
})
INDICATOR_CONTROL: Mapping[str, str] = {
    "control_exploitation.debt_bondage_control": "DebtBondage",
    "control_common.debt_bondage_honour_bound": "DebtBondage",
    "debt_bondage.debt_inflated_travel_costs": "DebtBondage",
    "debt_bondage.debt_excessive_interest": "DebtBondage",
    "debt_bondage.debt_charges_food_lodging_clothes": "DebtBondage",
    "debt_bondage.debt_amounts_opaque": "DebtBondage",
    "control_exploitation.violence_threats_against_family": "ThreatensChildrenFamily",
    "control_common.violence_to_victim_or_family": "PhysicalThreats",
    "control_exploitation.passport_or_id_confiscated": "WithholdsDocuments",
    "control_common.documents_withdrawn": "WithholdsDocuments",
    "control_exploitation.enforced_drug_addiction": "PsychoactiveSubstance",
    "control_exploitation.physical_violence": "PhysicalAbuse",
    "control_exploitation.food_or_warmth_deprivation": "WithholdsNecessities",
    "living_conditions.limited_food_poor_hygiene": "WithholdsNecessities",
    "living_conditions.no_medical_care": "RestrictsMedicalCare",
    "control_exploitation.psychological_dependence": "PsychologicalAbuse",
    "control_exploitation.blackmail_family_condemnation": "PsychologicalAbuse",
    "control_common.threat_of_shaming_to_family": "PsychologicalAbuse",
    "control_common.told_jail_or_deportation_if_reporting": "ThreatsLawEnforcement",
    "control_common.money_held_for_safekeeping": "RestrictsFinancialAccess",
}


def indicator_control(indicator_id: str) -> str | None:
    """The vic_MethodsOfControl value an indicator names; None when none fits clearly."""
    value = INDICATOR_CONTROL.get(indicator_id)
    return value if value in _CONTROL_VALUES else None
