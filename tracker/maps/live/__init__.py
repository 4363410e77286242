"""The live map: objects packed once per data version as typed arrays, drawn and filtered in the
browser by one script shared by the app's component and the standalone export."""
