/** @odoo-module **/
// Prevent a double transfer when the buyer clicks twice.
document.addEventListener("submit", (ev) => {
    const form = ev.target;
    if (form.matches && form.matches(".o_oci_transfer_form, .o_oci_cancel_form, .o_oci_cart_actions form")) {
        form.querySelectorAll("button[type=submit]").forEach((button) => (button.disabled = true));
    }
});
