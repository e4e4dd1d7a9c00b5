"""Sign-in (登录): who is at the desk."""
