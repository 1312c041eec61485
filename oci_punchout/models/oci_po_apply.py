# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, models
from odoo.tools import float_compare


class OciPoApply(models.AbstractModel):
    """What a received PO does to the sales order: confirm the matched
    quotation, create an order for an unmatched PO, apply a change or a
    cancellation, or hold the order for review with the differences."""

    _name = "oci.po.apply"
    _description = "Punchout PO processing"

    def _po_process_new(self, po, resolved):
        po.ensure_one()
        quotation, matched_by, notes = self.env["oci.po.matcher"]._po_match(po, resolved)
        po.matched_by = matched_by
        if not quotation:
            order = self._po_create_order(po, resolved)
            notes.insert(0, self.env._("No punchout quotation matches this PO."))
            self._po_hold(po, order, notes)
            return
        differences, pairs, _unpaired, shipping = self.env["oci.po.matcher"]._po_compare(
            po, quotation, resolved
        )
        differences = notes + differences
        waiting = self._po_waiting_reason(po, quotation)
        if waiting:
            differences.insert(0, waiting)
        if not differences and not po.connection_id.po_auto_confirm:
            differences.append(self.env._("Automatic confirmation is off for this connection."))
        if differences:
            self._po_hold(po, quotation, differences)
            return
        self._po_apply(po, quotation, pairs, shipping)
        self._po_confirm(po, quotation)

    def _po_process_update(self, po, resolved, previous):
        po.ensure_one()
        order = previous.order_id
        po.matched_by = "po"
        if not order or order.state == "cancel":
            # Nothing (left) to change: handle it like a new PO, held.
            po.order_type = "update"
            quotation, matched_by, notes = self.env["oci.po.matcher"]._po_match(po, resolved)
            order = quotation or self._po_create_order(po, resolved)
            po.matched_by = matched_by
            notes.insert(0, self.env._("Change of a PO whose order is cancelled or unknown."))
            self._po_hold(po, order, notes)
            return
        waiting = self._po_waiting_reason(po, order)
        if waiting:
            # Never compared with the order an unreviewed PO made or chose:
            # a person decides first.
            self._po_hold(po, order, [waiting])
            return
        if self._po_hold_frozen(
            po,
            order,
            lambda reason: self.env._(
                "Change received for %(order)s, but %(reason)s.", order=order.name, reason=reason
            ),
        ):
            return
        differences, pairs, unpaired, shipping = self.env["oci.po.matcher"]._po_compare(
            po, order, resolved, check_quantities=False
        )
        if not differences and not po.connection_id.po_auto_confirm:
            differences.append(self.env._("Automatic confirmation is off for this connection."))
        if differences:
            self._po_hold(po, order, differences)
            return
        self._po_apply(po, order, pairs, shipping, unpaired=unpaired)
        if order.state in ("draft", "sent"):
            self._po_confirm(po, order)
        else:
            self._po_done(po, order, "updated", 200, self.env._("Order %s updated.", order.name))

    def _po_hold_frozen(self, po, order, note):
        """Hold ``po`` when ``order`` can no longer be changed (delivered,
        invoiced...): ``note(reason)`` is the held PO's note. True when held."""
        frozen = order._oci_po_frozen_reason()
        if not frozen:
            return False
        self._po_hold(po, order, [note(frozen)])
        return True

    def _po_process_delete(self, po, previous):
        po.ensure_one()
        order = previous.order_id
        po.matched_by = "po"
        if order.state == "cancel":
            self._po_done(
                po, order, "cancelled", 200, self.env._("Order %s is cancelled.", order.name)
            )
            return
        if self._po_hold_frozen(
            po,
            order,
            lambda reason: self.env._(
                "Cancellation received for %(order)s, but %(reason)s.",
                order=order.name,
                reason=reason,
            ),
        ):
            return
        order._action_cancel()
        order.oci_transfer_state = "cancelled"
        message = self.env._("Order %s cancelled.", order.name)
        self._po_done(po, order, "cancelled", 200, message)
        # A review the order waited for is moot now.
        order.activity_feedback(["mail.mail_activity_data_todo"], feedback=message)

    def _po_waiting_reason(self, po, order):
        """Why a document for ``order`` must wait for a person, or False: an
        earlier PO of that order is held for review. A held order stays held
        through any re-send, change or other PO until it is accepted or
        rejected in the backend."""
        po.ensure_one()
        pending = po.search(
            [("order_id", "=", order.id), ("state", "=", "review"), ("id", "!=", po.id)],
            order="id desc",
            limit=1,
        )
        if not pending:
            return False
        return self.env._(
            "Order %(order)s is held for review of PO %(po)s, waiting for a decision of the "
            "supplier; this document waits with it.",
            order=order.name,
            po=pending.display_name,
        )

    def _po_create_order(self, po, resolved):
        """A new sales order for a PO that matches no quotation."""
        po.ensure_one()
        connection = po.connection_id
        customer = po.partner_id
        orderer = self.env["res.partner"]
        if po.orderer_email:
            orderer = self.env["res.partner"].search(
                [
                    ("commercial_partner_id", "=", customer.id),
                    ("email_normalized", "=", po.orderer_email.strip().lower()),
                ],
                limit=1,
            )
        orderer = orderer or connection.orderer_id or customer
        vals = {
            "partner_id": orderer.id,
            "company_id": connection.company_id.id,
            "oci_connection_id": connection.id,
            "origin": self.env._("PO %s", po.po_number),
            "order_line": [
                Command.create(
                    {
                        "product_id": line["product"].id,
                        "product_uom_qty": line["quantity"],
                        "oci_po_line_ref": line["line_ref"],
                    }
                )
                for line in resolved
            ],
        }
        if connection.website_id:
            vals["website_id"] = connection.website_id.id
        if connection.pricelist_id:
            vals["pricelist_id"] = connection.pricelist_id.id
        return self.env["sale.order"].create(vals)

    def _po_apply(self, po, order, pairs, shipping, unpaired=None):
        """Write the PO's references (and, for a change, its quantities) on
        the order."""
        po.ensure_one()
        doc = po.data
        vals = {"client_order_ref": po.po_number}
        if shipping:
            vals["partner_shipping_id"] = shipping.id
        if doc.get("delivery_date"):
            vals["commitment_date"] = f"{doc['delivery_date']} 12:00:00"
        if doc.get("cost_center"):
            vals["oci_cost_center"] = doc["cost_center"][:64]
        order.write(vals)
        new_lines = []
        for line, sol in pairs:
            if sol:
                sol_vals = {"oci_po_line_ref": line["line_ref"]}
                if float_compare(
                    line["quantity"],
                    sol.product_uom_qty,
                    precision_rounding=sol.product_uom.rounding,
                ):
                    sol_vals["product_uom_qty"] = line["quantity"]
                sol.write(sol_vals)
            else:
                new_lines.append(
                    Command.create(
                        {
                            "product_id": line["product"].id,
                            "product_uom_qty": line["quantity"],
                            "oci_po_line_ref": line["line_ref"],
                        }
                    )
                )
        if new_lines:
            order.write({"order_line": new_lines})
        if unpaired:
            unpaired.write({"product_uom_qty": 0.0})

    def _po_confirm(self, po, order):
        po.ensure_one()
        order.action_confirm()
        order.write(
            {"oci_transfer_state": "ordered", "oci_po_review": False, "oci_po_differences": False}
        )
        order.oci_session_id.sudo().state = "ordered"
        self._po_notify_orderer(po, order)
        self._po_done(po, order, "confirmed", 200, self.env._("Order %s confirmed.", order.name))

    def _po_notify_orderer(self, po, order):
        """Order confirmation e-mail to the orderer, sent by a cron job
        (models/sale_order_po_mail.py): rendering its PDF inside the PO
        request could hang every HTTP worker during a burst of POs."""
        order._oci_queue_confirmation_mail()

    def _po_done(self, po, order, state, code, message):
        po.ensure_one()
        po.write(
            {
                "order_id": order.id,
                "state": state,
                "status_code": code,
                "message": message,
                "differences": False,
            }
        )
        # An earlier version held for review is settled by this one: the
        # order no longer waits for a review (e.g. the PO was cancelled).
        superseded = po.search(
            [("order_id", "=", order.id), ("state", "=", "review"), ("id", "!=", po.id)]
        )
        if superseded:
            note = self.env._("Superseded by %s.", po.display_name)
            superseded.write({"state": "updated", "message": note})
            order.write({"oci_po_review": False, "oci_po_differences": False})
        order.message_post(
            body=self.env._(
                "Purchase order %(po)s (%(channel)s): %(message)s",
                po=po.display_name,
                channel=dict(po._fields["channel"]._description_selection(self.env))[po.channel],
                message=message,
            ),
            attachment_ids=po.attachment_id.copy(
                {"res_model": "sale.order", "res_id": order.id}
            ).ids
            if po.attachment_id
            else [],
        )

    def _po_hold(self, po, order, differences):
        """Keep the order unconfirmed (or unchanged) with the differences
        listed on it and an activity for the sales team."""
        po.ensure_one()
        text = "\n".join(differences)
        reason = " ".join(differences)
        if len(reason) > 400:
            reason = reason[:400] + "..."
        po.write(
            {
                "order_id": order.id,
                "state": "review",
                "status_code": 201,
                "message": self.env._(
                    "Received; order %(order)s is held for review by the supplier: %(reason)s",
                    order=order.name,
                    reason=reason,
                ),
                "differences": text,
            }
        )
        order.write({"oci_po_review": True, "oci_po_differences": text})
        user = (
            po.connection_id.po_review_user_id
            or order.user_id
            or order.team_id.user_id
            or po.connection_id.create_uid
        )
        summary = self.env._("Check purchase order %s", po.po_number)
        if not order.activity_ids.filtered(lambda activity: activity.summary == summary):
            order.activity_schedule(
                "mail.mail_activity_data_todo", user_id=user.id, summary=summary, note=text
            )
        order.message_post(
            body=self.env._(
                "Purchase order %(po)s held for review:\n%(differences)s",
                po=po.display_name,
                differences=text,
            ),
            attachment_ids=po.attachment_id.copy(
                {"res_model": "sale.order", "res_id": order.id}
            ).ids
            if po.attachment_id
            else [],
        )
