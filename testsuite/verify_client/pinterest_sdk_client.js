// Drives the npm package pinterest-sdk (generated from Pinterest's OpenAPI document by a third
// party) against whatever PINS_BASE_URL points at: create, get, analytics, delete.
const PinterestSdk = require('pinterest-sdk');

const client = PinterestSdk.ApiClient.instance;
client.basePath = process.env.PINS_BASE_URL;
client.authentications['pinterest_oauth2'].accessToken = process.env.PINS_TOKEN;
const pins = new PinterestSdk.PinsApi();

function call(method, ...args) {
  return new Promise((resolve, reject) =>
    method.call(pins, ...args, (error, data, response) =>
      error ? reject(error) : resolve({ data, response })));
}

function utcDate(daysFromToday) {
  return new Date(Date.now() + daysFromToday * 86400000).toISOString().slice(0, 10);
}

(async () => {
  const created = await call(pins.pinsCreate, {
    board_id: process.env.PINS_BOARD_ID,
    title: 'Created through pinterest-sdk',
    media_source: { source_type: 'image_url', url: 'https://example.com/sdk.jpg' },
  });
  const id = created.response.body.id;
  console.log('created pin', id);
  await call(pins.pinsGet, id, {});
  // Dates as YYYY-MM-DD strings: the SDK would serialise Date objects as full timestamps,
  // which the API (and the mock) reject as start_date/end_date.
  await call(pins.pinsAnalytics, id, utcDate(-7), utcDate(0), ['IMPRESSION', 'SAVE'], {});
  await call(pins.pinsDelete, id);
  console.log('pinterest-sdk: create, get, analytics and delete succeeded');
})().catch((error) => {
  console.error('pinterest-sdk call failed:', error.status, error.response ? error.response.text : error);
  process.exit(1);
});
