/** The signed-in station as the page sees it (GET and POST /station/api/session): no secret in it. */
export interface StationSessionView {
  partnerId: string;
  workshopId: string;
  expiresAt: string;
}
