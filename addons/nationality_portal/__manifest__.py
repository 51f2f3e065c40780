# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Nationality Dossiers (Online Public Service)",
    "summary": "Citizens prepare, file and follow nationality applications on the website",
    "version": "18.0.1.2.0",
    "category": "Website/Website",
    "website": "https://github.com/vn-nationality/nationality-dossiers",
    "author": "Vietnam Nationality Dossiers contributors",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["nationality_dossier", "website", "portal", "auth_signup"],
    "data": [
        "security/ir.model.access.csv",
        "security/nationality_portal_rules.xml",
        "data/nationality_portal_config.xml",
        "data/nationality_portal_mail_templates.xml",
        "data/nationality_portal_website_data.xml",
        "data/nationality_privacy_notice_data.xml",
        "views/nationality_dossier_views.xml",
        "views/nationality_privacy_notice_views.xml",
        "views/nationality_portal_components.xml",
        "views/nationality_catalogue_templates.xml",
        "views/nationality_apply_templates.xml",
        "views/nationality_my_templates.xml",
        "views/nationality_status_templates.xml",
        "views/nationality_privacy_templates.xml",
        "views/nationality_mail_views.xml",
    ],
    "demo": [
        "demo/nationality_portal_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "nationality_portal/static/src/scss/nationality_portal.scss",
            "nationality_portal/static/src/js/nationality_apply.esm.js",
        ],
        "web.assets_tests": [
            "nationality_portal/static/tests/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
