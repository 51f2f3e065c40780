/* Copyright 2026 Vietnam Nationality Dossiers contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A small but valid PDF, like a scanner produces (plain ASCII).
const PDF = [
    "%PDF-1.4",
    "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj",
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj",
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj",
    "trailer<</Root 1 0 R>>",
    "%%EOF",
    "",
].join("\n");

/** Put a generated PDF in each file input matching ``selector``. */
function attachPdfs(selector) {
    for (const input of document.querySelectorAll(selector)) {
        const file = new File([PDF], `scan_${input.name}.pdf`, {type: "application/pdf"});
        const transfer = new DataTransfer();
        transfer.items.add(file);
        input.files = transfer.files;
        input.dispatchEvent(new Event("change", {bubbles: true}));
    }
}

/** Choose the first real option of a select element. */
function chooseFirstOption(select) {
    select.value = select.options[1].value;
    select.dispatchEvent(new Event("change", {bubbles: true}));
}

/**
 * A step that fails when the page, or an element of ``trigger``, is wider
 * than the screen (the phone check). Elements are measured one by one because
 * the website layout may clip what overflows.
 */
function fitsTheScreen(trigger) {
    return {
        content: "The page fits the width of the screen",
        trigger,
        run() {
            const width = window.innerWidth;
            const tooWide = [...document.querySelectorAll(`${trigger}, ${trigger} *`)].filter(
                (element) => {
                    const rect = element.getBoundingClientRect();
                    return (
                        rect.width > 0 &&
                        rect.right > width + 1 &&
                        !element.closest(".visually-hidden, .table-responsive")
                    );
                }
            );
            const overflow = document.documentElement.scrollWidth - width;
            if (overflow > 1 || tooWide.length) {
                const culprits = tooWide.slice(0, 3).map((el) => el.outerHTML.slice(0, 120));
                throw new Error(
                    `The page is wider than the screen (${width}px): ${culprits.join(" | ")}`
                );
            }
        },
    };
}

registry.category("web_tour.tours").add("nationality_portal_signup_apply", {
    url: "/nationality",
    steps: () => [
        {
            content: "Apply online for the restoration of Vietnamese nationality",
            trigger: ".o_nationality_procedure[data-procedure=restoration] .o_nationality_apply_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "No account yet: sign up",
            trigger: "a[href*='/web/signup']",
            run: "click",
            expectUnloadPage: true,
        },
        {trigger: "input[name=login]", run: "edit tran.van.an@example.com"},
        {trigger: "input[name=name]", run: "edit Trần Văn An"},
        {trigger: "input[name=password]", run: "edit Mat-khau-2026!"},
        {trigger: "input[name=confirm_password]", run: "edit Mat-khau-2026!"},
        {
            content: "Create the account",
            trigger: ".oe_signup_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the application, the name comes from the account",
            trigger: ".o_nationality_apply_form input[name=full_name]:value(Trần Văn An)",
        },
        {trigger: "input[name=birth_date]", run: "edit 1968"},
        {trigger: "input[name=birth_place]", run: "edit Xã Tân Phú, huyện Châu Thành, tỉnh Long An"},
        {trigger: "select[name=id_document_type]", run: "select passport"},
        {trigger: "input[name=id_document_number]", run: "edit 18AA02468"},
        {trigger: "input[name=phone]", run: "edit +33 6 98 76 54 32"},
        {
            content: "Choose a province",
            trigger: "select[name=province_id]",
            run() {
                chooseFirstOption(this.anchor);
            },
        },
        {
            content: "Choose a ward of the province once loaded",
            trigger: "select[name=ward_id][data-loaded-province]",
            run() {
                chooseFirstOption(this.anchor);
            },
        },
        {trigger: "input[name=street]", run: "edit Số 7 đường Nguyễn Huệ"},
        {
            trigger: ".o_nationality_next",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Family: add the spouse",
            trigger: ".o_nationality_step_family.bg-primary",
        },
        {trigger: "input[name=member_new_full_name]", run: "edit Nguyễn Thị Hoa"},
        {trigger: "select[name=member_new_relation]", run: "select spouse"},
        {trigger: "input[name=member_new_birth_date]", run: "edit 02/05/1970"},
        {trigger: ".o_nationality_next", run: "click", expectUnloadPage: true},
        {
            content: "Request: the ground and the Vietnamese name",
            trigger: ".o_nationality_step_questions.bg-primary",
        },
        {trigger: "input[name=ground_ids]", run: "click"},
        {trigger: "input[name=vietnamese_name_requested]", run: "edit Trần Văn An"},
        {trigger: "input[name=former_nationality_loss]", run: "edit Thôi quốc tịch năm 1999"},
        {trigger: "textarea[name=reasons]", run: "edit Trở về quê hương sinh sống."},
        {trigger: ".o_nationality_next", run: "click", expectUnloadPage: true},
        {
            content: "Documents: attach a scan to every item",
            trigger: ".o_nationality_step_documents.bg-primary",
            run() {
                attachPdfs(".o_nationality_apply_form input[type=file]");
            },
        },
        {trigger: ".o_nationality_save", run: "click", expectUnloadPage: true},
        {
            content: "The files are stored in the draft",
            trigger: ".o_nationality_saved",
        },
        {trigger: ".o_nationality_file_link"},
        {trigger: ".o_nationality_next", run: "click", expectUnloadPage: true},
        {
            content: "Filing: the department and the declaration",
            trigger: "input[name=company_id]",
            run: "click",
        },
        {trigger: "input[name=declaration]", run: "click"},
        {
            content: "The privacy notice is accepted by ticking its box, never ticked in advance",
            trigger: "input[name=privacy_notice_id]:not(:checked)",
            run: "click",
        },
        {trigger: ".o_nationality_submit", run: "click", expectUnloadPage: true},
        {
            content: "The dossier was filed and has its code",
            trigger: ".o_nationality_done .o_nationality_code",
        },
    ],
});

registry.category("web_tour.tours").add("nationality_portal_resume_draft", {
    url: "/my/nationality",
    steps: () => [
        fitsTheScreen(".o_nationality_my_list"),
        {
            content: "Continue the saved draft",
            trigger: ".o_nationality_my_dossier[data-state=draft] .o_nationality_resume",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The draft opens at the step where it was left, with its answers",
            trigger: ".o_nationality_step_questions.bg-primary",
        },
        fitsTheScreen(".o_nationality_apply_form"),
        {trigger: "input[name=vietnamese_name_requested]:value(Lê Hoàng Phúc)"},
        {trigger: "textarea[name=reasons]", run: "edit Đoàn tụ gia đình tại Hà Nội."},
        {trigger: ".o_nationality_save", run: "click", expectUnloadPage: true},
        {trigger: ".o_nationality_saved"},
        {
            content: "Go back to the family step",
            trigger: "a.o_nationality_step_family",
            run: "click",
            expectUnloadPage: true,
        },
        {trigger: "input[name=member_new_full_name]", run: "edit Lê Minh Anh"},
        {trigger: "select[name=member_new_relation]", run: "select child"},
        {trigger: "input[name=member_new_birth_date]", run: "edit 14/07/2015"},
        {trigger: "input[name=member_new_applies_with_applicant]", run: "click"},
        {trigger: ".o_nationality_next", run: "click", expectUnloadPage: true},
        {trigger: ".o_nationality_step_questions.bg-primary"},
        {trigger: "textarea[name=reasons]:value(Đoàn tụ gia đình tại Hà Nội.)"},
        {
            content: "The child was kept in the family step",
            trigger: "a.o_nationality_step_family",
            run: "click",
            expectUnloadPage: true,
        },
        {trigger: ".o_nationality_member input[value='Lê Minh Anh']"},
    ],
});

registry.category("web_tour.tours").add("nationality_portal_answer_supplement", {
    url: "/my/nationality",
    steps: () => [
        {
            content: "Open the dossier waiting for documents",
            trigger: ".o_nationality_my_dossier[data-state=supplement] a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The requested document is listed",
            trigger: ".o_nationality_supplement .o_nationality_line",
        },
        fitsTheScreen(".o_nationality_supplement"),
        {
            content: "Attach the new scan",
            trigger: ".o_nationality_supplement_form input[type=file]",
            run() {
                attachPdfs(".o_nationality_supplement_form input[type=file]");
            },
        },
        {trigger: ".o_nationality_resubmit", run: "click", expectUnloadPage: true},
        {
            content: "The department has the documents; the dossier goes on",
            trigger: ".o_nationality_resubmitted",
        },
        {trigger: ".o_nationality_my_detail[data-state=submitted]"},
    ],
});

registry.category("web_tour.tours").add("nationality_portal_status_check", {
    steps: () => [
        fitsTheScreen(".o_nationality_status_form"),
        {trigger: "input[name=digits]", run: "edit 8213"},
        {trigger: ".o_nationality_status_submit", run: "click", expectUnloadPage: true},
        {
            content: "The status is shown",
            trigger: ".o_nationality_status_result[data-state=submitted]",
        },
        fitsTheScreen(".o_nationality_status_result"),
        {
            content: "Go to the catalogue",
            trigger: ".o_nationality_status .o_nationality_catalogue_link",
            run: "click",
            expectUnloadPage: true,
        },
        {trigger: ".o_nationality_procedure[data-procedure=restoration]"},
        fitsTheScreen(".o_nationality_catalogue"),
    ],
});

registry.category("web_tour.tours").add("nationality_portal_signup_on_a_phone", {
    url: "/web/signup",
    steps: () => [{trigger: ".oe_signup_form input[name=login]"}, fitsTheScreen(".oe_signup_form")],
});

registry.category("web_tour.tours").add("nationality_portal_file_on_a_phone", {
    steps: () => [
        {
            content: "The applicant step",
            trigger: ".o_nationality_step_applicant.bg-primary",
        },
        fitsTheScreen(".o_nationality_apply_form"),
        {trigger: "a.o_nationality_step_documents", run: "click", expectUnloadPage: true},
        {
            content: "The documents step, with the files already attached",
            trigger: ".o_nationality_step_documents.bg-primary",
        },
        {trigger: ".o_nationality_file_link"},
        fitsTheScreen(".o_nationality_apply_form"),
        {trigger: "a.o_nationality_step_filing", run: "click", expectUnloadPage: true},
        {
            content: "The filing step",
            trigger: ".o_nationality_step_filing.bg-primary",
        },
        fitsTheScreen(".o_nationality_apply_form"),
        {
            content: "The privacy notice is accepted by ticking its box",
            trigger: "input[name=privacy_notice_id]:not(:checked)",
            run: "click",
        },
        {trigger: ".o_nationality_submit", run: "click", expectUnloadPage: true},
        {
            content: "The confirmation page, with the dossier's code",
            trigger: ".o_nationality_done .o_nationality_code",
        },
        fitsTheScreen(".o_nationality_done"),
    ],
});
