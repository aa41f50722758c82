from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

# django-otp's device admins show each secret and QR code to anyone who can view them.
# Staff enrol on their own setup page, and `manage.py reset_staff_2fa` handles a lost
# phone, so the secrets need not be on any admin page.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
