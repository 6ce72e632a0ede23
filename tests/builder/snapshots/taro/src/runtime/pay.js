// Paying an order: the server starts the payment and says how. WeChat Pay's JSAPI parameters
// go to requestPayment; the sandbox (demo, H5 development) pays with one more call. A customer
// who cancels keeps a pending order that can be paid again (继续支付) until its deadline.
import Taro from '@tarojs/taro'
import { request } from './request.js'
import { IS_H5 } from './platform.js'
import { emit } from './events.js'
import { t } from '@/locale/index.js'

function requestPayment(params) {
  return new Promise((resolve, reject) => {
    Taro.requestPayment(Object.assign({}, params, {
      success: resolve,
      fail: reject
    }))
  })
}

// Resolves { status: 'paid' | 'cancelled' | 'failed', message }; never rejects.
export async function payOrder(orderId) {
  let started
  try {
    started = await request('POST', '/api/shop/orders/' + orderId + '/pay', { data: { method: 'wechat_jsapi' } })
  } catch (error) {
    return { status: 'failed', message: error.message }
  }
  const params = started.params || {}
  try {
    if (params.sandbox) {
      await request('POST', '/api/shop/orders/' + orderId + '/sandbox-pay', { data: {} })
    } else if (IS_H5) {
      return { status: 'failed', message: t('pay_in_wechat') }
    } else {
      await requestPayment(params)
    }
  } catch (error) {
    const cancelled = /cancel/i.test(String((error && error.errMsg) || ''))
    emit(cancelled ? 'payment_cancelled' : 'payment_failed', { orderId })
    return { status: cancelled ? 'cancelled' : 'failed', message: cancelled ? t('pay_cancelled') : (error && (error.message || error.errMsg)) || t('pay_failed') }
  }
  emit('payment', { orderId })
  return { status: 'paid', message: '' }
}
