/** @odoo-module **/
// Copyright 2026 OCI Punchout contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

// The customer administrator looks at the spend of their company.
registry.category("web_tour.tours").add("oci_spend_tour", {
    url: "/my/home",
    steps: () => [
        {
            content: "Open the spend overview",
            trigger: "a[href='/my/account/spend']",
            run: "click",
        },
        {
            content: "Branches and orderers, other customers' people not",
            trigger:
                ".o_oci_spend_branch:contains('Locatie Noord')" +
                ":not(:contains('Ander Oost'))",
        },
        {
            content: "Anna's order is committed, her budget shows what is left",
            trigger: ".o_oci_spend_orderer .o_oci_spend_committed:contains('200.00')",
        },
        {
            trigger: ".o_oci_spend_orderer .o_oci_spend_remaining:contains('800.00')",
        },
        {
            content: "Export link",
            trigger: "a.o_oci_spend_csv[href='/my/account/spend/export.csv']",
        },
        {
            content: "Each figure row links to its orders",
            trigger:
                ".o_oci_spend_orderer tbody tr:first-child a.o_oci_spend_drilldown",
        },
    ],
});
