"""The Meldcode case (restricted to the aandachtsfunctionaris)."""
