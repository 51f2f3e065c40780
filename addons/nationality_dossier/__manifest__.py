# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Nationality Dossiers (Back Office)",
    "summary": "Vietnam's six nationality procedures: dossiers, checklists, "
    "stages and statutory deadlines for the Departments of Justice",
    "version": "18.0.1.1.0",
    "category": "Services/Nationality",
    "website": "https://github.com/vn-nationality/nationality-dossiers",
    "author": "Vietnam Nationality Dossiers contributors",
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": True,
    "depends": ["mail", "portal"],
    "data": [
        "security/nationality_dossier_security.xml",
        "security/ir.model.access.csv",
        "security/nationality_dossier_rules.xml",
        "security/res_partner_rules.xml",
        "data/nationality.admin.unit.csv",
        "data/nationality_agency_data.xml",
        "data/nationality_agency_stp_data.xml",
        "data/nationality_holiday_data.xml",
        "data/nationality_procedure_data.xml",
        "data/nationality_dossier_data.xml",
        # Before the views: the dossier form's print buttons refer to these actions.
        "report/nationality_dossier_reports.xml",
        "views/nationality_dossier_wizard_views.xml",
        "views/nationality_dossier_views.xml",
        "views/nationality_config_views.xml",
        "views/nationality_register_report_wizard_views.xml",
        "views/nationality_access_log_views.xml",
        "views/nationality_menus.xml",
        "report/nationality_dossier_templates.xml",
        "report/nationality_register_templates.xml",
    ],
    "demo": [
        "demo/nationality_demo_users.xml",
        "demo/nationality_demo_dossiers.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "nationality_dossier/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
