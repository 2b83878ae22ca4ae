"""The publisher workspace: sign in, datasets and their files, members, API tokens.

Views here are thin handlers like the rest of the portal: they parse a form, build the Actor,
call one service of agora.catalog.services or agora.accounts.services (which check
permissions), and map a service's field errors back onto the form's fields (`errors.py`).
"""
