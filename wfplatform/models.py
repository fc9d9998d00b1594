from wfplatform.auth.models import ApiKey

__all__ = ["ApiKey"]
