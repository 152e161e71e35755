export { luhnValid, maskName, maskPhone, maskPii, maskRange } from './pii-masker';
