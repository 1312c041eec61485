/** @odoo-module **/
// Copyright 2026 OCI Punchout contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

function chooseOption(select, index) {
    select.selectedIndex = index;
    select.dispatchEvent(new Event("change", {bubbles: true}));
}

// The cart's date picker offers possible days only; a line goes to a branch
// that accepts deliveries on Fridays, so its picker offers Fridays only; the
// cart then shows two deliveries. Then the order goes to a one-off recipient,
// whose address is corrected in the cart.
registry.category("web_tour.tours").add("oci_delivery_tour", {
    url: "/shop/cart",
    steps: () => [
        {
            content: "The order's picker offers the possible dates",
            trigger:
                ".o_oci_delivery_form select[name='delivery_date']:has(option[value^='20'])",
        },
        {
            content: "Choose the first possible date for the order",
            trigger: ".o_oci_delivery_form select[name='delivery_date']",
            run() {
                chooseOption(this.anchor, 1);
            },
        },
        {
            content: "Send the second line to Locatie Noord",
            trigger:
                ".o_oci_delivery_lines tbody tr:nth-child(2) select.o_oci_recipient_select",
            run: "selectByLabel Locatie Noord",
        },
        {
            content: "Its picker now offers Fridays only; choose the second one",
            trigger:
                ".o_oci_delivery_lines tbody tr:nth-child(2) select.o_oci_date_select.o_oci_dates_loaded",
            run() {
                const values = [...this.anchor.options]
                    .map((o) => o.value)
                    .filter(Boolean);
                if (values.length < 2) {
                    throw new Error("too few dates offered: " + values.join(", "));
                }
                for (const value of values) {
                    if (new Date(value + "T12:00:00Z").getUTCDay() !== 5) {
                        throw new Error("not a Friday offered: " + value);
                    }
                }
                chooseOption(this.anchor, 2);
            },
        },
        {trigger: ".o_oci_delivery_save", run: "click"},
        {
            content: "The cart shows two deliveries, one to Locatie Noord",
            trigger:
                ".o_oci_delivery_group + .o_oci_delivery_group .o_oci_group_recipient:contains('Locatie Noord')",
        },
        {
            content: "No error",
            trigger: ".o_oci_delivery_form:not(:has(.o_oci_delivery_error))",
        },
        // A one-off recipient for the order, then corrected in the cart.
        {trigger: ".o_oci_new_recipient summary", run: "click"},
        {trigger: ".o_oci_new_recipient input[name='new_name']", run: "edit Carla Collega"},
        {trigger: ".o_oci_new_recipient input[name='new_street']", run: "edit Thuisweg 5"},
        {trigger: ".o_oci_new_recipient input[name='new_city']", run: "edit Breda"},
        {
            content: "The order goes to the new recipient",
            trigger: ".o_oci_delivery_form select[name='recipient_id']",
            run: "select new",
        },
        {trigger: ".o_oci_delivery_save", run: "click"},
        {
            content: "Open the one-off recipient to correct it",
            trigger: ".o_oci_edit_recipient summary:contains('Carla Collega')",
            run: "click",
        },
        {
            trigger: ".o_oci_edit_recipient input[name='street']",
            run: "edit Thuisweg 7",
        },
        {
            trigger: ".o_oci_edit_recipient textarea[name='note']",
            run: "edit Achterdeur",
        },
        {trigger: ".o_oci_edit_recipient .o_oci_recipient_save", run: "click"},
        {
            content: "The deliveries show the corrected address",
            trigger: ".o_oci_group_recipient:contains('Carla Collega, Thuisweg 7')",
        },
        {
            content: "No error after the correction",
            trigger: ".o_oci_delivery_form:not(:has(.o_oci_delivery_error))",
        },
    ],
});
