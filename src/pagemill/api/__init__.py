"""HTTP conventions shared by every feature router: errors, API versions, request ids, auth, sessions."""
