"""The demo region 示范市: fictional agencies, staff and records that show every capability."""
