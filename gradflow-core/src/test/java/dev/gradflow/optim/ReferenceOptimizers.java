package dev.gradflow.optim;

/**
 * The update formulas exactly as the optimizers' doc comments state them, written literally in double for one
 * parameter vector. {@link OptimizerFormulaTest} runs each beside the float implementation.
 */
final class ReferenceOptimizers {
    private ReferenceOptimizers() {}

    /** One parameter's update at step t (1-based); state lives in the implementing object. */
    interface Reference {
        void step(double[] theta, double[] grad, long t);
    }

    static Reference sgd(SgdConfig c) {
        return new Reference() {
            double[] b;

            public void step(double[] theta, double[] grad, long t) {
                double gamma = c.learningRate(), mu = c.momentum(), tau = c.dampening(), lambda = c.weightDecay();
                if (b == null) b = new double[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    double g = grad[i];
                    if (lambda != 0) g = g + lambda * theta[i];
                    if (mu != 0) {
                        b[i] = t == 1 ? g : mu * b[i] + (1 - tau) * g;
                        g = c.variant() == SgdConfig.MomentumVariant.NESTEROV ? g + mu * b[i] : b[i];
                    }
                    theta[i] = theta[i] - gamma * g;
                }
            }
        };
    }

    static Reference adam(AdamConfig c) {
        return new Reference() {
            double[] m, v, vMax;

            public void step(double[] theta, double[] grad, long t) {
                double gamma = c.learningRate(), b1 = c.beta1(), b2 = c.beta2(), eps = c.epsilon(), lambda = c.weightDecay();
                if (m == null) {
                    m = new double[theta.length];
                    v = new double[theta.length];
                    vMax = new double[theta.length];
                }
                for (int i = 0; i < theta.length; i++) {
                    double g = grad[i];
                    if (lambda != 0 && c.weightDecayStyle() == WeightDecayStyle.DECOUPLED) theta[i] = theta[i] * (1 - gamma * lambda);
                    if (lambda != 0 && c.weightDecayStyle() == WeightDecayStyle.COUPLED_L2) g = g + lambda * theta[i];
                    m[i] = b1 * m[i] + (1 - b1) * g;
                    v[i] = b2 * v[i] + (1 - b2) * g * g;
                    double mHat = m[i] / (1 - Math.pow(b1, t));
                    double vHat;
                    if (c.variant() == AdamVariant.AMSGRAD) {
                        vMax[i] = Math.max(vMax[i], v[i]);
                        vHat = vMax[i] / (1 - Math.pow(b2, t));
                    } else {
                        vHat = v[i] / (1 - Math.pow(b2, t));
                    }
                    theta[i] = theta[i] - gamma * mHat / (Math.sqrt(vHat) + eps);
                }
            }
        };
    }

    static Reference rmsProp(RmsPropConfig c) {
        return new Reference() {
            double[] v, gAve, b;

            public void step(double[] theta, double[] grad, long t) {
                double gamma = c.learningRate(), alpha = c.alpha(), eps = c.epsilon(), lambda = c.weightDecay(), mu = c.momentum();
                if (v == null) {
                    v = new double[theta.length];
                    gAve = new double[theta.length];
                    b = new double[theta.length];
                }
                for (int i = 0; i < theta.length; i++) {
                    double g = grad[i];
                    if (lambda != 0) g = g + lambda * theta[i];
                    v[i] = alpha * v[i] + (1 - alpha) * g * g;
                    double vTilde = v[i];
                    if (c.centering() == RmsPropConfig.Centering.CENTERED) {
                        gAve[i] = alpha * gAve[i] + (1 - alpha) * g;
                        vTilde = v[i] - gAve[i] * gAve[i];
                    }
                    if (mu > 0) {
                        b[i] = mu * b[i] + g / (Math.sqrt(vTilde) + eps);
                        theta[i] = theta[i] - gamma * b[i];
                    } else {
                        theta[i] = theta[i] - gamma * g / (Math.sqrt(vTilde) + eps);
                    }
                }
            }
        };
    }

    static Reference adagrad(AdagradConfig c) {
        return new Reference() {
            double[] s;

            public void step(double[] theta, double[] grad, long t) {
                double gamma = c.learningRate(), eta = c.learningRateDecay(), lambda = c.weightDecay(), eps = c.epsilon();
                if (s == null) {
                    s = new double[theta.length];
                    java.util.Arrays.fill(s, c.initialAccumulatorValue());
                }
                double gammaTilde = gamma / (1 + (t - 1) * eta);
                for (int i = 0; i < theta.length; i++) {
                    double g = grad[i];
                    if (lambda != 0) g = g + lambda * theta[i];
                    s[i] = s[i] + g * g;
                    theta[i] = theta[i] - gammaTilde * g / (Math.sqrt(s[i]) + eps);
                }
            }
        };
    }

    static Reference adadelta(AdadeltaConfig c) {
        return new Reference() {
            double[] v, u;

            public void step(double[] theta, double[] grad, long t) {
                double gamma = c.learningRate(), rho = c.rho(), eps = c.epsilon(), lambda = c.weightDecay();
                if (v == null) {
                    v = new double[theta.length];
                    u = new double[theta.length];
                }
                for (int i = 0; i < theta.length; i++) {
                    double g = grad[i];
                    if (lambda != 0) g = g + lambda * theta[i];
                    v[i] = rho * v[i] + (1 - rho) * g * g;
                    double dx = Math.sqrt(u[i] + eps) / Math.sqrt(v[i] + eps) * g;
                    u[i] = rho * u[i] + (1 - rho) * dx * dx;
                    theta[i] = theta[i] - gamma * dx;
                }
            }
        };
    }

    static Reference nAdam(NAdamConfig c) {
        return new Reference() {
            double[] m, v;
            double product = 1;

            public void step(double[] theta, double[] grad, long t) {
                double gamma = c.learningRate(), b1 = c.beta1(), b2 = c.beta2(), eps = c.epsilon(), lambda = c.weightDecay();
                double psi = c.momentumDecay();
                if (m == null) {
                    m = new double[theta.length];
                    v = new double[theta.length];
                }
                double muT = b1 * (1 - 0.5 * Math.pow(0.96, t * psi));
                double muNext = b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
                product = product * muT;
                for (int i = 0; i < theta.length; i++) {
                    double g = grad[i];
                    if (lambda != 0 && c.weightDecayStyle() == WeightDecayStyle.DECOUPLED) theta[i] = theta[i] * (1 - gamma * lambda);
                    if (lambda != 0 && c.weightDecayStyle() == WeightDecayStyle.COUPLED_L2) g = g + lambda * theta[i];
                    m[i] = b1 * m[i] + (1 - b1) * g;
                    v[i] = b2 * v[i] + (1 - b2) * g * g;
                    double vHat = v[i] / (1 - Math.pow(b2, t));
                    theta[i] = theta[i] - gamma * (1 - muT) / (1 - product) * g / (Math.sqrt(vHat) + eps)
                            - gamma * muNext / (1 - product * muNext) * m[i] / (Math.sqrt(vHat) + eps);
                }
            }
        };
    }

    static Reference rAdam(RAdamConfig c) {
        return new Reference() {
            double[] m, v;

            public void step(double[] theta, double[] grad, long t) {
                double gamma = c.learningRate(), b1 = c.beta1(), b2 = c.beta2(), eps = c.epsilon(), lambda = c.weightDecay();
                if (m == null) {
                    m = new double[theta.length];
                    v = new double[theta.length];
                }
                double rhoInf = 2 / (1 - b2) - 1;
                double rhoT = rhoInf - 2 * t * Math.pow(b2, t) / (1 - Math.pow(b2, t));
                for (int i = 0; i < theta.length; i++) {
                    double g = grad[i];
                    if (lambda != 0 && c.weightDecayStyle() == WeightDecayStyle.DECOUPLED) theta[i] = theta[i] * (1 - gamma * lambda);
                    if (lambda != 0 && c.weightDecayStyle() == WeightDecayStyle.COUPLED_L2) g = g + lambda * theta[i];
                    m[i] = b1 * m[i] + (1 - b1) * g;
                    v[i] = b2 * v[i] + (1 - b2) * g * g;
                    double mHat = m[i] / (1 - Math.pow(b1, t));
                    if (rhoT > 5) {
                        double l = Math.sqrt(1 - Math.pow(b2, t)) / (Math.sqrt(v[i]) + eps);
                        double r = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
                        theta[i] = theta[i] - gamma * mHat * l * r;
                    } else {
                        theta[i] = theta[i] - gamma * mHat;
                    }
                }
            }
        };
    }
}
