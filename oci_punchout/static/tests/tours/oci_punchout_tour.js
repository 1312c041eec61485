/** @odoo-module **/
// The buyer's side of an OCI punchout, in the browser: logged in by the
// procurement system's GET call, shop one product, transfer the cart and land
// on the built-in test buyer's "Cart received" page.

import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

registry.category("web_tour.tours").add("oci_punchout_tour", {
    url: "/shop",
    steps: () => [
        {
            content: "The punchout banner names the customer",
            trigger: ".o_oci_banner .o_oci_customer:contains('Zorggroep Test')",
        },
        {
            content: "The banner offers the transfer",
            trigger: ".o_oci_banner button.o_oci_transfer",
        },
        {
            content: "Open the product",
            trigger: ".oe_product_cart a:contains('OCI Tourtaart')",
            run: "click",
        },
        {
            content: "Add it to the cart",
            trigger: "#product_detail #add_to_cart",
            run: "click",
        },
        tourUtils.goToCart({ quantity: 1 }),
        {
            content: "The cart offers the transfer instead of checkout",
            trigger: "#o_cart_summary:not(:has(a[name='website_sale_main_button']))",
        },
        {
            content: "Transfer the cart",
            trigger: "button.o_oci_cart_transfer",
            run: "click",
        },
        {
            content: "The test buyer received the cart",
            trigger: ".o_oci_test_buyer_hook h1:contains('Cart received')",
        },
        {
            content: "with the product row",
            trigger: ".o_oci_items tbody tr:first td:contains('OCI Tourtaart')",
        },
        {
            content: "and the HOOK_URL query string kept",
            trigger: ".o_oci_test_buyer_hook code:contains('x=1')",
        },
    ],
});

registry.category("web_tour.tours").add("oci_test_buyer_tour", {
    url: "/oci/test-buyer",
    steps: () => [
        {
            content: "The test buyer page lists the connection",
            trigger: "#oci_test_buyer_form",
        },
        {
            content: "Type the secret",
            trigger: "#oci_test_buyer_form input[type='password']",
            run: "edit s3cr3t-Passw0rd",
        },
        {
            content: "Ask for the price of one product (VALIDATE)",
            trigger: "#oci_test_buyer_form select[name='FUNCTION']",
            run: "select VALIDATE",
        },
        {
            trigger: "#oci_test_buyer_form input[name='PRODUCTID']",
            run: "edit TT-TOUR",
        },
        {
            content: "Punch out",
            trigger: "#oci_test_buyer_go",
            run: "click",
        },
        {
            content: "The answer comes back to the test buyer",
            trigger: ".o_oci_test_buyer_hook .o_oci_items td:contains('OCI Tourtaart')",
        },
    ],
});
