"""Writes of enquiries: every service takes a keyword-only ``acting_user`` (``None`` = the system; the
asker's own actions on the status page have none), validates first (Chinese ``ValidationError``, nothing
written on error), changes the state only through ``states.transition`` and writes its audit event in
the same transaction; mail is queued after commit.

intake       enquiry_submit_online, enquiry_register
handling     enquiry_assign, enquiry_categorise, reply_draft, reply_submit_for_review, reply_approve,
             reply_return, reply_send, enquiry_close, enquiry_withdraw, enquiry_void
rating       enquiry_rate, enquiry_reopen
publication  enquiry_publish, enquiry_unpublish (publication_problems, suggest_public_texts)
conversion   enquiry_convert_to_application, application_convert_to_enquiry
deadlines    enquiry_breaches_record, enquiry_reminders_send (daily jobs)
setup        consultation_setup (default sources, categories and settings of an agency)
"""
