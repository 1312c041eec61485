/** @odoo-module **/
// The cart's delivery date picker: it only offers the days the server says
// are possible, and asks again when the recipient changes (their delivery
// window may differ). The server checks the date again on save and transfer.
import publicWidget from "@web/legacy/js/public/public_widget";
import {rpc} from "@web/core/network/rpc";

publicWidget.registry.OciDeliveryForm = publicWidget.Widget.extend({
    selector: ".o_oci_delivery_form",
    events: {
        "change .o_oci_recipient_select": "_onRecipientChange",
    },

    async _onRecipientChange(ev) {
        const select = ev.currentTarget;
        const lineId = parseInt(select.dataset.ociLine || "0", 10) || false;
        const dateSelect = this.el.querySelector(
            lineId
                ? `select[name="line_date_${lineId}"]`
                : "select[name='delivery_date']"
        );
        const recipientId = parseInt(select.value, 10);
        if (!dateSelect || (!recipientId && !lineId)) {
            return;
        }
        const result = await rpc("/shop/cart/oci_delivery/dates", {
            recipient_id: recipientId || false,
            line_id: lineId,
        });
        const chosen = dateSelect.value;
        for (const option of [...dateSelect.options]) {
            if (option.value) {
                option.remove();
            }
        }
        for (const day of result.dates || []) {
            const option = document.createElement("option");
            option.value = day.value;
            option.textContent = day.label;
            option.selected = day.value === chosen;
            dateSelect.appendChild(option);
        }
        dateSelect.classList.add("o_oci_dates_loaded");
    },
});
