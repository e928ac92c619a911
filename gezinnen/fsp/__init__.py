"""The Familieservicepunt: walk-in hours, walk-in questions, intakes, contact moments, actions,
appointments and referrals to partners."""
