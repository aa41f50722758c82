def featured_contacts():
    """Contacts featured in the "Get help now" strip (filled in by the referral directory)."""
    return []
