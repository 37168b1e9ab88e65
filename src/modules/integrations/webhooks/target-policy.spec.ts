import { isPublicAddress, refuseTarget, targetPolicy } from './target-policy';

describe('webhook target policy', () => {
  const strict = targetPolicy('');

  it.each([
    ['127.0.0.1'], ['10.1.2.3'], ['172.16.0.1'], ['192.168.1.1'], ['169.254.169.254'], ['100.64.0.1'], ['0.0.0.0'], ['255.255.255.255'],
    ['::1'], ['::'], ['fe80::1'], ['fc00::1'], ['fd12:3456::1'], ['::ffff:127.0.0.1'], ['::ffff:10.0.0.1'], ['ff02::1'], ['not-an-ip'],
  ])('%s is not public', (a) => expect(isPublicAddress(a)).toBe(false));

  it.each([['93.184.216.34'], ['8.8.8.8'], ['2606:4700:4700::1111'], ['::ffff:8.8.8.8']])('%s is public', (a) => expect(isPublicAddress(a)).toBe(true));

  it('needs https, refuses credentials, private literals and localhost names', () => {
    expect(refuseTarget('https://hooks.example.com/in', strict)).toBeNull();
    expect(refuseTarget('http://hooks.example.com/in', strict)?.reason).toBe('https_required');
    expect(refuseTarget('ftp://hooks.example.com/in', strict)?.reason).toBe('invalid_url');
    expect(refuseTarget('not a url', strict)?.reason).toBe('invalid_url');
    expect(refuseTarget('https://u:p@hooks.example.com/', strict)?.reason).toBe('credentials_in_url');
    expect(refuseTarget('https://10.0.0.5/in', strict)?.reason).toBe('private_address');
    expect(refuseTarget('https://[::1]:8443/in', strict)?.reason).toBe('private_address');
    expect(refuseTarget('https://[fe80::1]/in', strict)?.reason).toBe('private_address');
    expect(refuseTarget('https://localhost/in', strict)?.reason).toBe('private_address');
    expect(refuseTarget('https://api.localhost/in', strict)?.reason).toBe('private_address');
  });

  it('lets configured hosts through over http', () => {
    const tests = targetPolicy('127.0.0.1, [::1] ,Receiver.Internal');
    expect(refuseTarget('http://127.0.0.1:4000/hook', tests)).toBeNull();
    expect(refuseTarget('http://[::1]:4000/hook', tests)).toBeNull();
    expect(refuseTarget('http://receiver.internal/hook', tests)).toBeNull();
    expect(refuseTarget('http://10.0.0.1/hook', tests)?.reason).toBe('https_required');
  });
});
