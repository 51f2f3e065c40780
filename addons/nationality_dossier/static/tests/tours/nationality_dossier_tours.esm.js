/* Copyright 2026 Vietnam Nationality Dossiers contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// The back-office walk of one naturalization dossier, one tour per person
// who acts on it (the Python test logs each of them in and opens the dossier).

const FORM = ".o_form_view";

/** The dossier's state, as the status bar shows it. */
function stateIs(state) {
    return {
        content: `The dossier is ${state}`,
        trigger: `${FORM} .o_statusbar_status button.o_arrow_button_current[data-value=${state}]`,
    };
}

/** The current stage, as the form shows it. */
function stageIs(name) {
    return {
        content: `The current stage is "${name}"`,
        trigger: `${FORM} .o_field_widget[name=stage_id]:contains("${name}")`,
    };
}

function click(trigger, content) {
    return {content, trigger, run: "click"};
}

function completeStage(nextStage) {
    return [
        click(`${FORM} .o_statusbar_buttons button[name=action_complete_stage]`, "Stage done: next stage"),
        stageIs(nextStage),
    ];
}

registry.category("web_tour.tours").add("nationality_dossier_reception", {
    steps: () => [
        stateIs("draft"),
        click(`${FORM} .o_statusbar_buttons button[name=action_receive]`, "Receive the dossier at the counter"),
        stateIs("received"),
        {
            content: "The dossier has its one-stop code",
            trigger: `${FORM} .o_field_widget[name=name]:contains("000.00.21.H26-")`,
        },
        click(`${FORM} .o_notebook a[name=documents]`, "Open the document checklist"),
        click(
            `${FORM} .o_field_widget[name=document_ids] .o_data_row.text-danger td[name=copies_received]`,
            "The one document still missing: the copies received"
        ),
        {
            content: "Two copies received",
            trigger: `${FORM} .o_field_widget[name=document_ids] .o_selected_row [name=copies_received] input`,
            run: "edit 2",
        },
        click(`${FORM} .o_notebook a[name=request]`, "Open the fee"),
        click(`${FORM} .o_field_widget[name=fee_paid] input`, "The fee is paid"),
        {
            content: "The receipt number",
            trigger: `${FORM} .o_field_widget[name=fee_receipt_number] input`,
            run: "edit BL 0012345",
        },
        click(`${FORM} .o_statusbar_buttons button[name=action_accept]`, "Accept: the file is complete"),
        stateIs("in_progress"),
        stageIs("Request police verification"),
    ],
});

registry.category("web_tour.tours").add("nationality_dossier_department_stages", {
    steps: () => [
        stateIs("in_progress"),
        stageIs("Request police verification"),
        ...completeStage("Identity verification by the provincial police"),
        ...completeStage("Complete the file and submit to the provincial People's Committee"),
        ...completeStage("Review and proposal by the provincial People's Committee chairperson"),
        ...completeStage("Review by the Ministry of Justice"),
        {
            content: "The Ministry's stage is for the Ministry: no button left for the Department",
            trigger: `${FORM} .o_statusbar_buttons:not(:has(button[name=action_complete_stage]))`,
        },
    ],
});

registry.category("web_tour.tours").add("nationality_dossier_ministry_stages", {
    steps: () => [
        stageIs("Review by the Ministry of Justice"),
        ...completeStage("Waiting for release from the foreign nationality"),
        ...completeStage("Submission to the Prime Minister and the State President"),
        ...completeStage("Decision of the State President"),
    ],
});

registry.category("web_tour.tours").add("nationality_dossier_decision", {
    steps: () => [
        stageIs("Decision of the State President"),
        click(`${FORM} .o_statusbar_buttons button:contains("Record decision")`, "Record the decision"),
        click(".modal .o_field_widget[name=result] input[data-value=granted]", "Granted"),
        {
            content: "The decision's number",
            trigger: ".modal .o_field_widget[name=decision_number] input",
            run: "edit 1520/QĐ-CTN",
        },
        click(".modal-footer button[name=action_confirm]", "Record it"),
        stateIs("decided"),
        {
            content: "Granted",
            trigger: `${FORM} .ribbon:contains("Granted")`,
        },
    ],
});
