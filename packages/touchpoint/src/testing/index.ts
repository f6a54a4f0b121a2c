/** Test helpers for packages that consume touchpoints (`@c360/touchpoint/testing`). */
export { callComplaint, emailClicked, exampleTouchpoints, posReturn, posSale, webProductViewed } from './examples';
export { readFixtures, type Fixture } from './fixtures';
