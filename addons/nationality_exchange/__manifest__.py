# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Nationality Dossiers (Inter-agency Exchange)",
    "summary": "Departments of Justice and the Ministry: forwarding, official letters, "
    "nationality lookups, records registry and integrator API",
    "version": "18.0.1.1.0",
    "category": "Services/Nationality",
    "website": "https://github.com/vn-nationality/nationality-dossiers",
    "author": "Vietnam Nationality Dossiers contributors",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["nationality_dossier"],
    "external_dependencies": {"python": ["lxml", "openpyxl"]},
    "data": [
        "security/nationality_exchange_security.xml",
        "security/ir.model.access.csv",
        "security/nationality_letter_rules.xml",
        "security/nationality_lookup_rules.xml",
        "data/nationality_lookup_data.xml",
        "data/nationality_letter_edxml_data.xml",
        "report/nationality_letter_templates.xml",
        "report/nationality_letter_reports.xml",
        "views/nationality_letter_wizard_views.xml",
        "views/nationality_letter_views.xml",
        "views/nationality_letter_arrival_views.xml",
        "views/nationality_exchange_menus.xml",
        "views/nationality_record_views.xml",
        "views/nationality_lookup_views.xml",
        "views/nationality_registry_menus.xml",
    ],
    "demo": [
        "demo/nationality_letter_demo.xml",
        "demo/nationality_lookup_demo.xml",
    ],
    "installable": True,
}
