/** @odoo-module **/
// Copyright 2026 OCI Punchout contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

// An orderer with an assortment and a branch budget: only the assortment is
// shown, the cart shows the budget, the branch is chosen and a greeting card
// written.
registry.category("web_tour.tours").add("oci_business_cart_tour", {
    url: "/shop",
    steps: () => [
        {
            content: "Only the assortment is in the shop",
            trigger: "#products_grid:contains('Slagroomtaart'):not(:contains('Fruitmand'))",
        },
        {
            content: "Open the cake",
            trigger: ".oe_product_cart a:contains('Slagroomtaart')",
            run: "click",
        },
        {
            content: "Add it to the cart",
            trigger: "#product_detail #add_to_cart",
            run: "click",
        },
        tourUtils.goToCart({ quantity: 1 }),
        {
            content: "The budget of the branch is shown",
            trigger: ".o_oci_budget:contains('Locatie Noord') .o_oci_budget_left:contains('100.00')",
        },
        {
            content: "Deliver to the southern branch",
            trigger: "select.o_oci_branch_select",
            run: "selectByLabel Locatie Zuid",
        },
        {
            content: "Write the card",
            trigger: "textarea.o_oci_card_text",
            async run(helpers) {
                await helpers.edit("Beste Jan,\nVan harte beterschap!");
            },
        },
        { trigger: "input.o_oci_card_logo", run: "check" },
        {
            trigger: ".o_oci_line_card textarea.o_oci_line_card_text",
            run: "edit Voor de afdeling",
        },
        { trigger: ".o_oci_business_save", run: "click" },
        {
            content: "The card is shown in the cart, the branch is kept",
            trigger: ".o_oci_card_preview:contains('Van harte beterschap!')",
        },
        {
            trigger: ".o_oci_business_form:has(select.o_oci_branch_select option:selected:contains('Locatie Zuid'))",
        },
        {
            trigger: "input.o_oci_card_logo:checked",
        },
        {
            content: "Within the budget of the southern branch (none): no warning",
            trigger: ".o_oci_business:not(:has(.o_oci_budget))",
        },
        {
            content: "Back to the northern branch, which has a budget",
            trigger: "select.o_oci_branch_select",
            run: "selectByLabel Locatie Noord",
        },
        { trigger: ".o_oci_business_save", run: "click" },
        { trigger: ".o_oci_budget:not(.alert-danger) .o_oci_budget_left:contains('100.00')" },
        {
            content: "Three more cakes: over the budget",
            trigger: "#cart_products input.js_quantity",
            run: "edit 4 && press Enter",
        },
        { trigger: ".my_cart_quantity:contains(/^4$/)" },
        {
            content: "Reload the cart",
            trigger: "a[href='/shop/cart']:visible",
            run: "click",
        },
        {
            content: "The cart says it exceeds the budget",
            trigger: ".o_oci_budget.alert-danger:contains('This cart exceeds it.')",
        },
    ],
});
