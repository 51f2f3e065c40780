/* Copyright 2026 Vietnam Nationality Dossiers contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import publicWidget from "@web/legacy/js/public/public_widget";
import {rpc} from "@web/core/network/rpc";

/**
 * The online application form: shows the address fields of the chosen
 * address form and loads the wards of the chosen province. Without
 * JavaScript every block stays visible and the wards follow on saving.
 */
publicWidget.registry.NationalityApplyForm = publicWidget.Widget.extend({
    selector: ".o_nationality_apply_form",
    events: {
        'change input[name="address_scheme"]': "_onSchemeChange",
        "change select.o_nationality_province": "_onProvinceChange",
    },

    start() {
        this._toggleScheme();
        return this._super(...arguments);
    },

    _toggleScheme() {
        const checked = this.el.querySelector('input[name="address_scheme"]:checked');
        if (!checked) {
            return;
        }
        for (const block of this.el.querySelectorAll(".o_nationality_scheme")) {
            block.classList.toggle("d-none", block.dataset.scheme !== checked.value);
        }
    },

    _onSchemeChange() {
        this._toggleScheme();
    },

    async _onProvinceChange(ev) {
        const ward = this.el.querySelector("select.o_nationality_ward");
        if (!ward) {
            return;
        }
        const provinceId = parseInt(ev.currentTarget.value, 10) || 0;
        const wards = provinceId ? await rpc("/nationality/wards", {province_id: provinceId}) : [];
        const first = ward.querySelector('option[value=""]');
        ward.replaceChildren(first);
        for (const {id, name} of wards) {
            const option = document.createElement("option");
            option.value = id;
            option.textContent = name;
            ward.appendChild(option);
        }
        ward.dataset.loadedProvince = String(provinceId);
    },
});

export default publicWidget.registry.NationalityApplyForm;
