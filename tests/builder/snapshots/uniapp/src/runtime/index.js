// The customer runtime: what every component and system page calls (docs/plugin_authoring.md,
// "The customer runtime"). Import from '@/runtime/index.js'.
export { IS_H5, currentQuery, firstThisLaunch, handOver, load as loadStored, pageRoute, save as saveStored, takeOver, toast } from './platform.js'
export { ApiError, deviceToken } from './transport.js'
export { ensureLogin, isLoggedIn, login, loginFirst, logout, onSessionChange, sessionState, setShareCode } from './session.js'
export { request, get, getPublic, post, put, patch, del, newIdempotencyKey, withSession } from './request.js'
export { PHOTO_LIMIT, PHOTO_MAX_BYTES, choosePhotos, uploadPhoto } from './uploads.js'
export { SUBSCRIBE_LIMIT, askSubscribe, reportSubscribe, subscribeTemplateIds } from './subscribe.js'
export {
  addToCart,
  cartState,
  count as cartCount,
  hadCart,
  loadCart,
  removeLine,
  removeOrdered,
  selectAll,
  selectedLines,
  selectedTotal,
  setQuantity,
  subscribe as subscribeCart,
  toggleSelected,
  useCart
} from './cart.js'
export { payOrder } from './pay.js'
export { checkoutBody, mergePart } from './checkout.js'
export { choose, decodeLines, encodeLines, initialChoice, matchSku, maxQuantity, sellable, valueAvailable } from './sku.js'
export {
  ORDER_TABS,
  cancelOrder,
  checkoutAttempt,
  confirmReceipt,
  deliveryAddressId,
  getOrder,
  isFinal,
  listOrders,
  previewCheckout,
  requestRefund,
  watchOrder
} from './orders.js'
export { emit, onEvent } from './events.js'
export { blockClicked, blockExposed, flush as flushEvents, appHidden, onPageView, rememberAssignments, track, usePageView, visitId, watchExposure } from './analytics.js'
export { answerData } from '@/api/client.js'
export { go, goBack, goTab, linkUrl, openLink, outsideUrl, pageEntries, systemUrl } from '@/utils/link.js'
export { yuan, formatTime } from '@/utils/format.js'
export { currentLocale, localized, setLocale, t } from '@/locale/index.js'
