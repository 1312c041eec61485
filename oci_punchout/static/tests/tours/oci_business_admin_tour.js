/** @odoo-module **/
// Copyright 2026 OCI Punchout contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

// The customer administrator manages orderers and branches under My account.
registry.category("web_tour.tours").add("oci_business_admin_tour", {
    url: "/my/home",
    steps: () => [
        {
            content: "Open the orderers of my company",
            trigger: "a[href='/my/account/orderers']",
            run: "click",
        },
        {
            content: "Colleagues are listed, other customers' people are not",
            trigger: ".o_oci_orderer_table:contains('Carl Colleague'):not(:contains('Bob Other'))",
        },
        {
            content: "Invite an orderer",
            trigger: ".o_oci_invite_orderer",
            run: "click",
        },
        { trigger: ".o_oci_orderer_form input[name='name']", run: "edit Eva Tour" },
        { trigger: ".o_oci_orderer_form input[name='email']", run: "edit eva.tour@zorg.example" },
        { trigger: ".o_oci_orderer_form input[name='oci_cost_center']", run: "edit KP-EVA" },
        {
            content: "Send the invitation",
            trigger: ".o_oci_orderer_form .o_oci_save",
            run: "click",
        },
        {
            content: "Invited, listed as active",
            trigger: ".o_oci_portal_message:contains('Eva Tour was invited')",
        },
        {
            trigger: ".o_oci_orderer_row:contains('Eva Tour') .badge:contains('Active')",
        },
        {
            content: "Edit the new orderer",
            trigger: ".o_oci_orderer_row:contains('Eva Tour') a.o_oci_orderer_name",
            run: "click",
        },
        { trigger: ".o_oci_orderer_form input[name='phone']", run: "edit 06-99887766" },
        { trigger: ".o_oci_orderer_form .o_oci_save", run: "click" },
        { trigger: ".o_oci_portal_message:contains('Eva Tour was saved')" },
        {
            content: "Deactivate the orderer",
            trigger: ".o_oci_orderer_row:contains('Eva Tour') .o_oci_deactivate",
            run: "click",
        },
        {
            trigger: ".o_oci_orderer_row:contains('Eva Tour') .badge:contains('Inactive')",
        },
        { trigger: ".o_oci_portal_message:contains('can no longer log in')" },
        {
            content: "Back to My account",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the branches",
            trigger: "a[href='/my/account/branches']",
            run: "click",
        },
        {
            trigger: ".o_oci_branch_table:contains('Locatie Noord'):not(:contains('Ander Oost'))",
        },
        { trigger: ".o_oci_add_branch", run: "click" },
        { trigger: ".o_oci_branch_form input[name='name']", run: "edit Locatie Tour" },
        { trigger: ".o_oci_branch_form input[name='street']", run: "edit Tourweg 9" },
        { trigger: ".o_oci_branch_form input[name='city']", run: "edit Amersfoort" },
        {
            trigger: ".o_oci_branch_form textarea[name='oci_delivery_instructions']",
            run: "edit Achterom, bel bij de keuken",
        },
        { trigger: ".o_oci_branch_form input[name='oci_cost_center']", run: "edit KP-TOUR" },
        { trigger: ".o_oci_branch_form .o_oci_save", run: "click" },
        {
            content: "The branch is listed with its instructions and cost center",
            trigger: ".o_oci_branch_row:contains('Locatie Tour') .o_oci_branch_cost_center:contains('KP-TOUR')",
        },
        {
            content: "Edit it",
            trigger: ".o_oci_branch_row:contains('Locatie Tour') a.o_oci_branch_name",
            run: "click",
        },
        { trigger: ".o_oci_branch_form input[name='oci_cost_center']", run: "edit KP-TOUR-2" },
        { trigger: ".o_oci_branch_form .o_oci_save", run: "click" },
        {
            trigger: ".o_oci_branch_row:contains('Locatie Tour') .o_oci_branch_cost_center:contains('KP-TOUR-2')",
        },
    ],
});
