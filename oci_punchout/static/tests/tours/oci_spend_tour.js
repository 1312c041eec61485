/** @odoo-module **/
// Copyright 2026 OCI Punchout contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

// Fetch an export link in the tour's session: 200, its content type, and
// not empty (an XLSX is a zip: it starts with "PK").
async function checkDownload(href, contentType) {
    const response = await fetch(href);
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok || !type.startsWith(contentType)) {
        throw new Error(`${href}: ${response.status} ${type}`);
    }
    const body = new Uint8Array(await response.arrayBuffer());
    if (!body.length) {
        throw new Error(`${href}: empty`);
    }
    if (
        contentType.includes("spreadsheetml") &&
        (body[0] !== 0x50 || body[1] !== 0x4b)
    ) {
        throw new Error(`${href}: not a zip file`);
    }
}

// The customer administrator looks at the spend of their company, follows
// a row to its orders and finds the exports.
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
            content: "Each figure row links to its orders: Anna's current period",
            trigger:
                ".o_oci_spend_orderer tr.o_oci_spend_row:contains('Anna Orderer')" +
                " a.o_oci_spend_drilldown",
            run: "click",
        },
        {
            content: "The drill-down page names Anna",
            trigger: "h3:contains('Anna Orderer')",
        },
        {
            content: "Her confirmed order, delivered to Locatie Noord, 200.00",
            trigger:
                "table.o_oci_spend_orders tr.o_oci_spend_order:contains('SO-SPEND-TOUR')" +
                ":contains('Locatie Noord'):contains('Confirmed'):contains('200.00')",
        },
        {
            content: "Only her order: not her colleague's",
            trigger:
                "table.o_oci_spend_orders:not(:contains('SO-NOT-ANNA'))" +
                ":not(:has(tr.o_oci_spend_order + tr.o_oci_spend_order))",
        },
        {
            content: "Back to the overview",
            trigger:
                "a[href='/my/account/spend']:contains('Back to the spend overview')",
            run: "click",
        },
        {
            content: "CSV export link, and it downloads a CSV",
            trigger: "a.o_oci_spend_csv[href='/my/account/spend/export.csv']",
            async run() {
                await checkDownload(this.anchor.getAttribute("href"), "text/csv");
            },
        },
        {
            content: "XLSX export link, and it downloads a workbook",
            trigger: "a.o_oci_spend_xlsx[href='/my/account/spend/export.xlsx']",
            async run() {
                await checkDownload(
                    this.anchor.getAttribute("href"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                );
            },
        },
    ],
});
