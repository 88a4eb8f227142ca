"""Applications for disclosure (依申请公开, Arts. 27–45): intake, the statutory clock, decisions, letters, fees."""
