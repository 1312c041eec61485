/** @odoo-module **/
// Copyright 2026 OCI Punchout contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

// An orderer over budget submits the order for approval at checkout.
registry.category("web_tour.tours").add("oci_approval_request_tour", {
    url: "/shop/payment",
    steps: () => [
        {
            content: "The checkout says the order needs approval",
            trigger: ".alert-danger:contains('Approval needed')",
        },
        {
            content: "Submit it for approval",
            trigger: "button.o_oci_request_approval",
            run: "click",
        },
        {
            content: "The order waits for the administrator's approval",
            trigger: ".o_oci_approval_waiting:contains('Anna Orderer')",
        },
    ],
});

// The customer administrator rejects one order over budget and approves
// another.
registry.category("web_tour.tours").add("oci_approval_tour", {
    url: "/my/home",
    steps: () => [
        {
            content: "Open the approvals",
            trigger: "a[href='/my/approvals']",
            run: "click",
        },
        {
            content: "Open the first order",
            trigger: ".o_oci_approval_row:first-child a.o_oci_approval_link",
            run: "click",
        },
        {
            content: "Its budget is shown",
            trigger: ".o_oci_approval_budget:contains('Locatie Noord')",
        },
        {
            content: "Give a reason",
            trigger: "textarea[name='reason']",
            run: "edit Niet nodig deze maand",
        },
        {
            content: "Reject",
            trigger: "button.o_oci_reject",
            run: "click",
        },
        {
            content: "Rejected",
            trigger: ".o_oci_portal_message:contains('was rejected')",
        },
        {
            content: "Open the other order, still waiting",
            trigger: ".o_oci_approval_row:has(.text-bg-warning) a.o_oci_approval_link",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: "button.o_oci_approve",
            run: "click",
        },
        {
            content: "Approved and placed",
            trigger: ".o_oci_portal_message:contains('was approved and placed')",
        },
    ],
});
